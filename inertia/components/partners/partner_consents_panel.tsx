import { useState } from 'react'
import { Link, useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import { TextAreaField } from '~/components/fields'
import ConsentStatus from '~/components/partners/consent_status'
import type { PartnerConsentRow, PartnerPageProps } from '~/components/partners/partner_types'

type Props = Pick<PartnerPageProps, 'consents' | 'filters' | 'permissionWording' | 'urls'> & {
  canRevoke: boolean
}

const KINDS: Record<string, string> = { account_access: 'Account access', domestic_payment: 'Domestic payment' }
const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—')

/** The partner's consents, newest first: status, customer, permissions, dates; open one's access log; revoke one */
export default function PartnerConsentsPanel({ consents, filters, permissionWording, urls, canRevoke }: Props) {
  const [revoking, setRevoking] = useState<PartnerConsentRow | null>(null)
  const form = useForm({ reason: '' })
  const close = () => setRevoking(null)
  const revoke = () => {
    if (!revoking) return
    form.post(revoking.urls.revoke, { preserveScroll: true, onSuccess: () => { form.reset(); close() } })
  }

  const columns: Column<PartnerConsentRow>[] = [
    {
      key: 'consent',
      label: 'Consent',
      render: (c) => (
        <>
          <span className="mono">{c.id}</span>
          <div className="subtle">{KINDS[c.kind] ?? c.kind}</div>
        </>
      ),
    },
    {
      key: 'status',
      label: 'Status',
      render: (c) => (
        <>
          <ConsentStatus status={c.status} effectiveStatus={c.effectiveStatus} />
          {c.statusReason && <div className="subtle">{c.statusReason}</div>}
        </>
      ),
    },
    {
      key: 'customer',
      label: 'Customer',
      render: (c) =>
        c.customer ? (
          <>
            <Link href={c.customer.url}>{c.customer.fullName ?? `#${c.customer.id}`}</Link>
            <div className="subtle mono">{c.customer.number}</div>
          </>
        ) : (
          <span className="subtle">not yet chosen</span>
        ),
    },
    {
      key: 'permissions',
      label: 'Permissions',
      render: (c) => (
        <ul className="consent-permissions">
          {c.permissions.map((p) => <li key={p} title={permissionWording[p] ?? p}>{p}</li>)}
        </ul>
      ),
    },
    { key: 'created', label: 'Created', render: (c) => when(c.createdAt) },
    { key: 'expires', label: 'Expires', render: (c) => when(c.expiresAt) },
    {
      key: 'actions',
      label: 'Access log',
      render: (c) => (
        <>
          <Link href={c.urls.accessLog} preserveScroll aria-current={filters.consent === c.id ? 'true' : undefined}>
            {c.accessCount} {c.accessCount === 1 ? 'request' : 'requests'}
          </Link>
          {canRevoke && c.revocable && (
            <div>
              <button type="button" className="btn btn-small btn-danger" onClick={() => setRevoking(c)}>Revoke</button>
            </div>
          )}
        </>
      ),
    },
  ]

  return (
    <section className="card" aria-labelledby="partner-consents">
      <div className="card-header"><h2 id="partner-consents">Consents</h2></div>
      <DataTable columns={columns} rows={consents.data} rowKey={(c) => c.id} empty="No consent yet." caption="Consents" />
      <Pagination meta={consents.metadata} baseUrl={urls.show} query={{ consent: filters.consent }} noun={['consent', 'consents']} />
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this consent?"
        confirmLabel="Revoke"
        danger
        processing={form.processing}
        onCancel={close}
        onConfirm={revoke}
      >
        <p>
          Every token the partner holds under consent <span className="mono">{revoking?.id}</span> stops working at once. The
          customer would have to consent again.
        </p>
        <TextAreaField label="Reason (recorded on the consent and in the audit trail)" name="revoke_reason" required
          value={form.data.reason} onChange={(e) => form.setData('reason', e.target.value)} error={form.errors.reason} />
      </ConfirmDialog>
    </section>
  )
}
