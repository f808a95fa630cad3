import { useState } from 'react'
import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextAreaField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import type { LoanPageProps } from '~/components/loans/loan_types'

type Step = 'approve' | 'reject' | 'withdraw' | 'disburse'

const STEPS: Record<Step, { label: string; title: string; danger?: boolean; reason: 'required' | 'optional' | 'none' }> = {
  approve: { label: 'Approve', title: 'Approve this application?', reason: 'optional' },
  reject: { label: 'Reject', title: 'Reject this application?', danger: true, reason: 'required' },
  withdraw: { label: 'Withdraw', title: "Withdraw at the customer's request?", danger: true, reason: 'required' },
  disburse: { label: 'Disburse', title: 'Pay the loan out now?', reason: 'none' },
}

/** What the officer can do now: flags from the server (LoanPolicy and the loan's status) */
export default function LoanActionsPanel({ can, urls, terms, approval, decisionKey, errors }: Pick<LoanPageProps, 'can' | 'urls' | 'terms' | 'approval' | 'decisionKey'> & { errors: Record<string, string> }) {
  const [pending, setPending] = useState<Step | null>(null)
  const take = useForm({})
  const form = useForm({ reason: '', idempotencyKey: decisionKey })
  const submit = () => {
    if (!pending) return
    form.post(urls[pending], { preserveScroll: true, onFinish: () => setPending(null), onSuccess: () => form.reset('reason') })
  }
  const button = (step: Step, allowed: boolean) =>
    allowed && (
      <button type="button" className={`btn ${STEPS[step].danger ? 'btn-danger' : ''}`} onClick={() => setPending(step)}>
        {STEPS[step].label}
      </button>
    )
  const waiting = approval?.status === 'pending'
  return (
    <section className="card" aria-labelledby="loan-actions">
      <div className="card-header">
        <h2 id="loan-actions">Actions</h2>
      </div>
      <div className="card-body stack">
      {!(can.review || can.approve || can.reject || can.disburse || can.withdraw) && <p className="subtle">No step is open to you on this loan now.</p>}
      {waiting && <p className="field-hint"><strong>Waiting for a second officer</strong>: approval request #{approval.id} must be decided in the approvals inbox.</p>}
      <div className="toolbar">
        {can.review && (
          <button type="button" className="btn" disabled={take.processing} onClick={() => take.post(urls.review, { preserveScroll: true })}>
            Take for review
          </button>
        )}
        {button('approve', can.approve)}
        {button('reject', can.reject)}
        {button('disburse', can.disburse)}
        {button('withdraw', can.withdraw)}
      </div>
      {errors.reason && <p className="field-error">{errors.reason}</p>}
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? STEPS[pending].title : ''}
        confirmLabel={pending ? STEPS[pending].label : ''}
        danger={pending ? STEPS[pending].danger : false}
        processing={form.processing}
        onConfirm={submit}
        onCancel={() => setPending(null)}
      >
        {pending === 'approve' && terms.needsSecondOfficer && (
          <p>The amount is above {formatAmount(terms.secondApprovalAbove)}: your approval goes to a second officer, who decides it.</p>
        )}
        {pending === 'disburse' && <p>{formatAmount(terms.netDisbursed)} will be credited to the borrower's account ({formatAmount(terms.principal)} less the fee).</p>}
        {pending && STEPS[pending].reason !== 'none' && (
          <TextAreaField label={pending === 'reject' ? 'Reason (audited, and sent to the applicant)' : STEPS[pending].reason === 'required' ? 'Reason (audited)' : 'Reason (optional, audited)'} name="reason"
            required={STEPS[pending].reason === 'required'} value={form.data.reason}
            onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
        )}
      </ConfirmDialog>
    </section>
  )
}
