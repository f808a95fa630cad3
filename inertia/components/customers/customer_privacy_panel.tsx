import { router, useForm } from '@inertiajs/react'
import { TextAreaField } from '~/components/fields'
import type { CustomerPrivacyProps } from '#controllers/backoffice/customer_privacy_props'
import type { Serialized } from '~/types'

type Privacy = NonNullable<Serialized<CustomerPrivacyProps>>

const STATUS_LABELS: Record<string, string> = {
  requested: 'Requested: waiting for a second person to approve',
  scheduled: 'Approved and scheduled',
  executed: 'Executed: personal data erased',
  cancelled: 'Cancelled',
}

/**
 * Compliance and administrators: the customer's access-request exports
 * (create one; download, audited) and erasure: the latest request, why it
 * waits (retention), and the request form (reason required, four-eyes).
 */
export default function CustomerPrivacyPanel({ privacy, errors }: { privacy: Privacy; errors: Record<string, string> }) {
  const form = useForm({ reason: '', idempotencyKey: privacy.erasureKey })
  const erasure = privacy.erasure
  const rejected = erasure?.status === 'requested' && erasure.approvalStatus === 'rejected'
  const open = erasure && !rejected && (erasure.status === 'requested' || erasure.status === 'scheduled')

  return (
    <section className="card" aria-labelledby="privacy-title">
      <div className="card-header">
        <h2 id="privacy-title">Data protection</h2>
      </div>
      <div className="card-body">
        {privacy.can.export && (
          <>
            <h3>Access-request exports</h3>
            {privacy.exports.length === 0 ? (
              <p className="subtle">No export stored.</p>
            ) : (
              <ul>
                {privacy.exports.map((stored) => (
                  <li key={stored.exportId}>
                    <a href={stored.url}>{stored.exportId}</a> <span className="subtle">({stored.size} bytes, sealed)</span>
                  </li>
                ))}
              </ul>
            )}
            <button type="button" className="btn" onClick={() => router.post(privacy.urls.createExport, {}, { preserveScroll: true })}>
              Create export
            </button>
          </>
        )}
        {privacy.can.erase && (
          <>
            <h3>Erasure</h3>
            {erasure ? (
              <p data-testid="erasure-state">
                <strong>{rejected ? 'Rejected by the checker' : STATUS_LABELS[erasure.status]}</strong>
                {erasure.executedAt ? ` on ${erasure.executedAt.slice(0, 10)}` : ''}. Reason given: {erasure.reason}
                {open && erasure.retention ? <><br />{erasure.retention}</> : null}
              </p>
            ) : (
              <p className="subtle">No erasure request.</p>
            )}
            {!open && erasure?.status !== 'executed' && (
              <form
                onSubmit={(event) => {
                  event.preventDefault()
                  form.post(privacy.urls.requestErasure, {
                    preserveScroll: true,
                    onSuccess: () => form.setData({ reason: '', idempotencyKey: crypto.randomUUID() }),
                  })
                }}
              >
                <TextAreaField
                  label="Reason for erasure"
                  name="reason"
                  required
                  value={form.data.reason}
                  onChange={(e) => form.setData('reason', e.target.value)}
                  error={errors.reason}
                />
                {privacy.retention && <p className="subtle">{privacy.retention}</p>}
                <p className="subtle">Irreversible. Another compliance officer or administrator must approve; it is executed once the retention period has ended.</p>
                <div className="form-actions">
                  <button type="submit" className="btn btn-danger" disabled={form.processing}>
                    Request erasure
                  </button>
                </div>
              </form>
            )}
          </>
        )}
      </div>
    </section>
  )
}
