import { useState } from 'react'
import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import StatusBadge from '~/components/status_badge'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextAreaField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import type { Data, InertiaProps } from '~/types'

type Entry = Data.TransactionDetail['entries'][number]

type Props = InertiaProps<{
  transaction: Data.TransactionDetail
  reversalKey: string
  urls: { reverse: string; accounts: Record<string, string>; transactions: Record<string, string> }
  can: { reverse: boolean }
}>

export default function TransactionShow({ transaction: t, reversalKey, urls, can, errors }: Props) {
  const [confirming, setConfirming] = useState(false)
  const form = useForm({ reason: '', idempotencyKey: reversalKey })
  const reversible =
    t.kind !== 'reversal' && t.reversedById === null && t.pendingReversalApprovalId === null

  const columns: Column<Entry>[] = [
    {
      key: 'account',
      label: 'Account',
      render: (e) =>
        urls.accounts[e.accountId] ? (
          <Link href={urls.accounts[e.accountId]} className="mono">{e.accountNumber}</Link>
        ) : (
          <span className="mono">{e.accountNumber}</span>
        ),
    },
    { key: 'name', label: 'Name', render: (e) => e.accountName },
    { key: 'debit', label: 'Debit', align: 'right', render: (e) => (e.direction === 'debit' ? formatAmount(e.amount) : '') },
    { key: 'credit', label: 'Credit', align: 'right', render: (e) => (e.direction === 'credit' ? formatAmount(e.amount) : '') },
  ]

  const status = t.reversedById ? (
    <>
      <StatusBadge status="rejected" label="reversed" /> by{' '}
      <Link href={urls.transactions[t.reversedById]}>#{t.reversedById}</Link>
    </>
  ) : t.pendingReversalApprovalId ? (
    <StatusBadge status="pending" label={`reversal pending (approval #${t.pendingReversalApprovalId})`} />
  ) : (
    <StatusBadge status="active" label="booked" />
  )

  return (
    <BackofficeLayout>
      <Head title={`Transaction #${t.id}`} />
      <PageHeader
        title={`Transaction #${t.id}`}
        description={`${t.kind} · ${formatAmount(t.amount)}`}
        actions={
          can.reverse && reversible ? (
            <button className="btn btn-danger" onClick={() => setConfirming(true)}>Request reversal</button>
          ) : undefined
        }
      />
      <section className="card">
        <dl className="details">
          <dt>Status</dt>
          <dd>{status}</dd>
          <dt>Booked (UTC)</dt>
          <dd>{t.bookedAt.slice(0, 19).replace('T', ' ')}</dd>
          <dt>Reference</dt>
          <dd>{t.reference ?? '—'}</dd>
          <dt>Description</dt>
          <dd>{t.description ?? '—'}</dd>
          <dt>Booked by</dt>
          <dd>{t.actor.type}{t.actor.id ? ` #${t.actor.id}` : ''}{t.approvalId ? ` (approval #${t.approvalId})` : ''}</dd>
          {t.reversesId && (
            <>
              <dt>Reverses</dt>
              <dd><Link href={urls.transactions[t.reversesId]}>#{t.reversesId}</Link></dd>
            </>
          )}
        </dl>
      </section>
      <section className="card">
        <div className="card-header"><h2>Entries</h2></div>
        <DataTable columns={columns} rows={t.entries} rowKey={(e) => e.id} caption="Ledger entries" />
      </section>
      <ConfirmDialog
        open={confirming}
        title={`Request reversal of #${t.id}?`}
        confirmLabel="Request reversal"
        danger
        processing={form.processing}
        onConfirm={() => form.post(urls.reverse, { onFinish: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <p>Reverses {formatAmount(t.amount)} once a second staff member approves it.</p>
        <TextAreaField label="Reason" name="reason" required value={form.data.reason}
          onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
      </ConfirmDialog>
    </BackofficeLayout>
  )
}
