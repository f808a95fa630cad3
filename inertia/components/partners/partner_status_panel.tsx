import { useState } from 'react'
import { Link, useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextAreaField } from '~/components/fields'
import type { PartnerPageProps } from '~/components/partners/partner_types'

type Props = Pick<PartnerPageProps, 'partner' | 'can' | 'urls' | 'pendingReactivation' | 'reactivationKey'>

/** Suspend at once (with a reason), or request a reactivation (four-eyes) */
export default function PartnerStatusPanel({ partner, can, urls, pendingReactivation, reactivationKey }: Props) {
  const [open, setOpen] = useState<'suspend' | 'reactivate' | null>(null)
  const suspension = useForm({ reason: '' })
  const reactivation = useForm({ reason: '', idempotency_key: reactivationKey })
  const close = () => setOpen(null)
  const run = () => {
    if (open === 'suspend') suspension.post(urls.suspend, { preserveScroll: true, onFinish: close, onSuccess: () => suspension.reset() })
    if (open === 'reactivate') reactivation.post(urls.reactivate, { preserveScroll: true, onFinish: close })
  }

  return (
    <section className="card" aria-labelledby="partner-access">
      <div className="card-header"><h2 id="partner-access">Access</h2></div>
      <div className="card-body">
        {partner.status === 'active' ? (
          <p>The partner can obtain tokens and call the API within its customers' consents.</p>
        ) : (
          <p>Suspended: the authorization server does not know it and the API refuses its tokens. Its consents are kept.</p>
        )}
        {pendingReactivation && (
          <p className="field-hint">Waiting for a second administrator: <Link href={pendingReactivation.url}>{pendingReactivation.summary}</Link></p>
        )}
        {can.suspend && partner.status === 'active' && (
          <form onSubmit={(e) => { e.preventDefault(); setOpen('suspend') }}>
            <TextAreaField label="Reason for suspending" name="reason" required value={suspension.data.reason}
              onChange={(e) => suspension.setData('reason', e.target.value)} error={suspension.errors.reason} />
            <div className="form-actions">
              <button type="submit" className="btn btn-danger" disabled={suspension.data.reason.trim().length < 3}>Suspend partner</button>
            </div>
          </form>
        )}
        {can.suspend && partner.status === 'suspended' && !pendingReactivation && (
          <form onSubmit={(e) => { e.preventDefault(); setOpen('reactivate') }}>
            <TextAreaField label="Reason (for the approving administrator)" name="reactivation_reason" value={reactivation.data.reason}
              onChange={(e) => reactivation.setData('reason', e.target.value)} error={reactivation.errors.reason} />
            <div className="form-actions">
              <button type="submit" className="btn">Request reactivation</button>
            </div>
          </form>
        )}
      </div>
      <ConfirmDialog
        open={open !== null}
        title={open === 'suspend' ? `Suspend ${partner.name}?` : `Request the reactivation of ${partner.name}?`}
        confirmLabel={open === 'suspend' ? 'Suspend' : 'Send request'}
        danger={open === 'suspend'}
        processing={suspension.processing || reactivation.processing}
        onCancel={close}
        onConfirm={run}
      >
        {open === 'suspend'
          ? 'From now on its tokens are refused and it cannot obtain new ones, on every instance. Reactivating it needs a second administrator.'
          : 'Another administrator must approve it; then the partner can use its tokens and consents again.'}
      </ConfirmDialog>
    </section>
  )
}
