import { useEffect, useState } from 'react'
import { Link, useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import DataTable, { type Column } from '~/components/data_table'
import { TextAreaField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import { statusWords, type LoanPageProps } from '~/components/loans/loan_types'

type Servicing = NonNullable<LoanPageProps['servicing']>
type Repayment = Servicing['repayments'][number]

/**
 * A paid-out loan's repayments, oldest first. Only the latest one still
 * standing can be reversed (the server says which, and whether this staff
 * member may request it); the request is four-eyes.
 */
export default function LoanRepaymentsPanel({ servicing, errors }: { servicing: Servicing; errors: Record<string, string> }) {
  const [target, setTarget] = useState<Repayment | null>(null)
  const form = useForm({ reason: '', idempotencyKey: servicing.keys.reversal })
  useEffect(() => form.setData('idempotencyKey', servicing.keys.reversal), [servicing.keys.reversal])
  const submit = () => {
    if (!target?.reverseUrl) return
    /* a field error keeps the dialog open with its message; anything else reloads the panel */
    form.post(target.reverseUrl, { preserveScroll: true, preserveState: 'errors', onSuccess: () => setTarget(null) })
  }
  const columns: Column<Repayment>[] = [
    { key: 'id', label: '#', align: 'right', render: (r) => <Link href={r.transactionUrl}>{r.id}</Link> },
    { key: 'date', label: 'Date', render: (r) => r.date },
    { key: 'kind', label: 'Kind', render: (r) => `${statusWords(r.kind)}${r.reverses ? ` of #${r.reverses}` : ''}` },
    { key: 'amount', label: 'Amount', align: 'right', render: (r) => formatAmount(r.amount) },
    { key: 'principal', label: 'Principal', align: 'right', render: (r) => formatAmount(r.principal) },
    { key: 'interest', label: 'Interest', align: 'right', render: (r) => formatAmount(r.interest) },
    { key: 'charges', label: 'Charges', align: 'right', render: (r) => formatAmount(r.charges) },
    {
      key: 'state',
      label: 'Reversed',
      render: (r) =>
        r.reversedBy ? `Reversed by #${r.reversedBy}`
        : r.reversalPending ? <>Reversal waiting for a second person (<Link href={r.reversalPending.url}>approval #{r.reversalPending.id}</Link>)</>
        : r.reverseUrl ? <button type="button" className="btn btn-secondary" onClick={() => setTarget(r)}>Request reversal</button>
        : '—',
    },
  ]
  return (
    <section className="card" aria-labelledby="loan-repayments">
      <div className="card-header">
        <h2 id="loan-repayments">Repayments</h2>
      </div>
      <DataTable columns={columns} rows={servicing.repayments} rowKey={(r) => r.id} empty="No repayment yet." caption="The loan's repayments, oldest first" />
      {servicing.notReversible && <p className="card-body subtle">No repayment can be reversed now: {servicing.notReversible}</p>}
      <ConfirmDialog open={target !== null} title={`Request the reversal of repayment #${target?.id ?? ''}?`} confirmLabel="Request the reversal" danger
        processing={form.processing} onConfirm={submit} onCancel={() => setTarget(null)}>
        {target && <p>{formatAmount(target.amount)} goes back to the borrower's account once a second person approves; the schedule is restored.</p>}
        <TextAreaField label="Reason (audited)" name="reason" required value={form.data.reason}
          onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
      </ConfirmDialog>
    </section>
  )
}
