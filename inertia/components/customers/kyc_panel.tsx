import { useState } from 'react'
import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import StatusBadge from '~/components/status_badge'
import { SelectField, TextAreaField } from '~/components/fields'

const STATUS_OPTIONS = [
  { value: 'verified', label: 'Verified' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'pending', label: 'Pending (re-review)' },
]

/** KYC status of a customer and, for reviewers, the decision form behind a confirmation */
export default function KycPanel({
  status,
  rejectionReason,
  canReview,
  action,
  errors,
}: {
  status: string
  rejectionReason: string | null
  canReview: boolean
  action: string
  errors: Record<string, string>
}) {
  const [confirming, setConfirming] = useState(false)
  const form = useForm({ status: status === 'verified' ? 'rejected' : 'verified', reason: '' })
  const submit = () =>
    form.post(action, { preserveScroll: true, onFinish: () => setConfirming(false), onSuccess: () => form.reset('reason') })

  return (
    <section className="card" aria-labelledby="kyc-title">
      <div className="card-header">
        <h2 id="kyc-title">KYC</h2>
        <StatusBadge status={status} />
      </div>
      <div className="card-body">
        {status === 'rejected' && rejectionReason && (
          <p>
            <strong>Reason:</strong> {rejectionReason}
          </p>
        )}
        {canReview ? (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              setConfirming(true)
            }}
          >
            <SelectField
              label="New status"
              name="status"
              value={form.data.status}
              options={STATUS_OPTIONS}
              onChange={(e) => form.setData('status', e.target.value)}
              error={errors.status}
            />
            {form.data.status === 'rejected' && (
              <TextAreaField
                label="Reason for rejection"
                name="reason"
                required
                value={form.data.reason}
                onChange={(e) => form.setData('reason', e.target.value)}
                error={errors.reason}
              />
            )}
            <div className="form-actions">
              <button type="submit" className="btn">
                Set KYC status
              </button>
            </div>
          </form>
        ) : (
          <p className="subtle">Your role cannot change the KYC status.</p>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Change KYC status?"
        confirmLabel={`Set to ${form.data.status}`}
        danger={form.data.status === 'rejected'}
        processing={form.processing}
        onConfirm={submit}
        onCancel={() => setConfirming(false)}
      >
        KYC status gates money leaving this customer's accounts. The change is audited.
      </ConfirmDialog>
    </section>
  )
}
