import { useState } from 'react'
import { Link, useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { SelectField, TextAreaField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import type { AlertPageProps } from '~/components/risk/alert_types'

type Step = 'dismiss' | 'confirm' | 'escalate' | 'freeze' | 'unfreeze' | 'capture' | 'release'

const STEPS: Record<Step, { label: string; title: string; danger?: boolean; help: string; reasonRequired: boolean }> = {
  dismiss: { label: 'Dismiss', title: 'Dismiss this alert?', help: 'A false positive: the alert is closed.', reasonRequired: true },
  confirm: { label: 'Confirm', title: 'Confirm suspicious activity?', danger: true, help: 'The alert is closed as confirmed; it can still be escalated.', reasonRequired: true },
  escalate: { label: 'Escalate', title: 'Escalate to a compliance case?', danger: true, help: 'Opens a case for a suspicious activity report; the reason is its summary.', reasonRequired: true },
  freeze: { label: 'Freeze account', title: 'Freeze the account?', danger: true, help: 'Debits will be refused; credits still land.', reasonRequired: true },
  unfreeze: { label: 'Unfreeze account', title: 'Unfreeze the account?', help: 'The account is active again.', reasonRequired: true },
  capture: { label: 'Capture held payment', title: 'Capture the held payment?', help: 'The payment goes ahead to its payee.', reasonRequired: false },
  release: { label: 'Release held payment', title: 'Release the held payment?', danger: true, help: 'The hold is released and the payment cancelled.', reasonRequired: false },
}

/** What a compliance officer can do on the alert now (flags from the server) */
export default function AlertActionsPanel(props: Pick<AlertPageProps, 'alert' | 'can' | 'urls' | 'assignees' | 'me' | 'heldPayment' | 'pendingSettlement' | 'fourEyesLimit' | 'holdKey'> & { errors: Record<string, string> }) {
  const { alert, can, urls, assignees, me, heldPayment, pendingSettlement, fourEyesLimit, holdKey, errors } = props
  const [pending, setPending] = useState<Step | null>(null)
  const assignForm = useForm({ assigneeId: String(alert.assignee?.id ?? me) })
  const form = useForm({ reason: '', outcome: '', idempotencyKey: holdKey })

  const urlOf = (step: Step) => (step === 'capture' || step === 'release' ? urls.settleHold : urls[step])
  const submit = () => {
    if (!pending) return
    form.transform((data) => ({ ...data, outcome: pending === 'capture' || pending === 'release' ? pending : undefined }))
    form.post(urlOf(pending), { preserveScroll: true, onFinish: () => setPending(null), onSuccess: () => form.reset('reason') })
  }
  const button = (step: Step, allowed: boolean) =>
    allowed && (
      <button key={step} type="button" className={`btn ${STEPS[step].danger ? 'btn-danger' : 'btn-secondary'}`} onClick={() => setPending(step)}>
        {STEPS[step].label}
      </button>
    )
  const anything = Object.values(can).some(Boolean)

  return (
    <section className="card" aria-labelledby="alert-actions">
      <div className="card-header">
        <h2 id="alert-actions">Actions</h2>
      </div>
      {!anything && <p className="subtle">Nothing you can do on this alert.</p>}
      {can.assign && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); assignForm.post(urls.assign, { preserveScroll: true }) }}>
          <SelectField label="Assign to" name="assigneeId" value={assignForm.data.assigneeId} error={errors.assigneeId}
            options={assignees.map((s) => ({ value: String(s.id), label: s.id === me ? `${s.fullName} (me)` : s.fullName }))}
            onChange={(e) => assignForm.setData('assigneeId', e.target.value)} />
          <button type="submit" className="btn" disabled={assignForm.processing}>Assign</button>
        </form>
      )}
      <div className="toolbar">
        {button('confirm', can.confirm)}
        {button('escalate', can.escalate)}
        {button('dismiss', can.dismiss)}
      </div>
      <div className="toolbar">
        {button('freeze', can.freeze)}
        {button('unfreeze', can.unfreeze)}
        {button('capture', can.settleHold)}
        {button('release', can.settleHold)}
      </div>
      {heldPayment?.status === 'held' && (
        <p className="field-hint">Settling a held payment above {fourEyesLimit} {heldPayment.amount.currency} needs a second staff member (four-eyes).</p>
      )}
      {pendingSettlement && (
        <p className="field-hint">Waiting for a second staff member: <Link href={pendingSettlement.url}>{pendingSettlement.summary}</Link></p>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? STEPS[pending].title : ''}
        confirmLabel={pending ? STEPS[pending].label : ''}
        danger={pending ? STEPS[pending].danger : false}
        processing={form.processing}
        onConfirm={submit}
        onCancel={() => setPending(null)}
      >
        {pending && <p>{STEPS[pending].help}</p>}
        {pending && (pending === 'capture' || pending === 'release') && heldPayment && <p>Amount: {formatAmount(heldPayment.amount)}</p>}
        <TextAreaField label={pending && !STEPS[pending].reasonRequired ? 'Reason (optional, audited)' : 'Reason (audited)'} name="reason"
          required={pending ? STEPS[pending].reasonRequired : false} value={form.data.reason}
          onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
      </ConfirmDialog>
    </section>
  )
}
