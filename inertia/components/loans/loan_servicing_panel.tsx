import { useEffect, useState } from 'react'
import { Link, useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import type { LoanPageProps } from '~/components/loans/loan_types'

type Servicing = NonNullable<LoanPageProps['servicing']>

/**
 * Servicing an open loan: "Repay now" at the borrower's request (the
 * payoff quoted for today, or an amount: beyond what is due it prepays
 * principal and the remaining instalments are recomputed) and a write-off
 * request (four-eyes). Flags and the quote come from the server.
 */
export default function LoanServicingPanel({ servicing, can, errors }: { servicing: Servicing; can: LoanPageProps['can']; errors: Record<string, string> }) {
  const { payoffQuote: quote, pendingWriteOff, keys, urls } = servicing
  const [dialog, setDialog] = useState<'repay' | 'writeOff' | null>(null)
  const repay = useForm({ type: 'full' as 'full' | 'amount', amount: '', idempotencyKey: keys.repayment })
  const writeOff = useForm({ reason: '', idempotencyKey: keys.writeOff })
  /* a new key with each page the server sends; a form sent twice before that reuses its key and acts once */
  useEffect(() => repay.setData('idempotencyKey', keys.repayment), [keys.repayment])
  useEffect(() => writeOff.setData('idempotencyKey', keys.writeOff), [keys.writeOff])
  const close = () => setDialog(null)
  /* a field error keeps the dialog open with its message; anything else (success or a flashed refusal) reloads the panel */
  const options = { preserveScroll: true, preserveState: 'errors' as const, onSuccess: close }
  const submitRepay = () => repay.post(urls.repay, options)
  const submitWriteOff = () => writeOff.post(urls.writeOff, options)
  if (!servicing.open) return null
  return (
    <section className="card" aria-labelledby="loan-servicing">
      <div className="card-header">
        <h2 id="loan-servicing">Servicing</h2>
      </div>
      <div className="card-body stack">
        {quote && (
          <dl className="details">
            <dt>Due now</dt>
            <dd className="num">{formatAmount(quote.due)}</dd>
            <dt>Principal not yet due</dt>
            <dd className="num">{formatAmount(quote.futurePrincipal)}</dd>
            <dt>Interest accrued</dt>
            <dd className="num">{formatAmount(quote.accruedInterest)} ({quote.accruedDays} days)</dd>
            <dt>Payoff today ({quote.asOf})</dt>
            <dd className="num"><strong>{formatAmount(quote.total)}</strong></dd>
          </dl>
        )}
        {pendingWriteOff && (
          <p className="field-hint">
            <strong>Write-off waiting for a second person</strong>: <Link href={pendingWriteOff.url}>approval #{pendingWriteOff.id}</Link>.
          </p>
        )}
        {!(can.repay || can.writeOff) && <p className="subtle">No servicing step is open to you on this loan.</p>}
        <div className="toolbar">
          {can.repay && <button type="button" className="btn" onClick={() => setDialog('repay')}>Repay now</button>}
          {can.writeOff && <button type="button" className="btn btn-danger" onClick={() => setDialog('writeOff')}>Write off</button>}
        </div>
      </div>
      <ConfirmDialog open={dialog === 'repay'} title="Take a repayment from the borrower's account?" confirmLabel="Take the repayment"
        processing={repay.processing} onConfirm={submitRepay} onCancel={close}>
        <SelectField label="Repay" name="type" value={repay.data.type}
          onChange={(e) => repay.setData('type', e.target.value as 'full' | 'amount')} error={errors.type}
          options={[{ value: 'full', label: quote ? `The whole loan: ${formatAmount(quote.total)}` : 'The whole loan' }, { value: 'amount', label: 'An amount' }]} />
        {repay.data.type === 'amount' && (
          <TextField label={`Amount (${quote?.total.currency ?? ''})`} name="amount" inputMode="decimal" required value={repay.data.amount}
            onChange={(e) => repay.setData('amount', e.target.value)} error={errors.amount} />
        )}
        {quote && repay.data.type === 'amount' && (
          <p className="field-hint">Up to {formatAmount(quote.due)} pays what is due; beyond it prepays principal and the remaining instalments are recomputed.</p>
        )}
      </ConfirmDialog>
      <ConfirmDialog open={dialog === 'writeOff'} title="Request a write-off of this loan?" confirmLabel="Request the write-off" danger
        processing={writeOff.processing} onConfirm={submitWriteOff} onCancel={close}>
        <p>A second person decides it in the approvals inbox; the principal outstanding then becomes a loss.</p>
        <TextAreaField label="Reason (audited)" name="reason" required value={writeOff.data.reason}
          onChange={(e) => writeOff.setData('reason', e.target.value)} error={errors.reason} />
      </ConfirmDialog>
    </section>
  )
}
