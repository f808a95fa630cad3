import { TextAreaField } from '~/components/fields'
import PayloadLines from '~/components/approvals/payload_lines'
import type { Data } from '~/types'

export type Decision = 'approve' | 'reject'

/**
 * The decision side of an approval: while pending, the note and the
 * Approve / Reject buttons (for a checker allowed to decide, never the
 * maker); once decided, who decided, when and why; then the result.
 */
export default function DecisionPanel({ approval, can, reason, onReason, error, onDecide }: {
  approval: Data.Approval.Variants['forDetail']
  can: { approve: boolean; reject: boolean }
  reason: string
  onReason: (reason: string) => void
  error?: string
  onDecide: (decision: Decision) => void
}) {
  return (
    <section className="card">
      <div className="card-header"><h2>Decision</h2></div>
      {approval.status === 'pending' ? (
        can.approve || can.reject ? (
          <div className="card-body stack">
            <TextAreaField
              label="Note (optional when approving, required when rejecting)"
              name="reason"
              value={reason}
              error={error}
              maxLength={500}
              onChange={(e) => onReason(e.target.value)}
            />
            <div className="form-actions">
              {can.reject && (
                <button type="button" className="btn btn-danger" onClick={() => onDecide('reject')}>
                  Reject
                </button>
              )}
              {can.approve && (
                <button type="button" className="btn" onClick={() => onDecide('approve')}>
                  Approve
                </button>
              )}
            </div>
          </div>
        ) : (
          <p className="card-body subtle">Waiting for a staff member allowed to decide it (never the maker).</p>
        )
      ) : (
        <dl className="details">
          <dt>Decided by</dt>
          <dd>{approval.checker ? `${approval.checker.fullName} (${approval.checker.email})` : '—'}</dd>
          <dt>Decided</dt>
          <dd>{approval.decidedAt ? <time dateTime={approval.decidedAt}>{approval.decidedAt}</time> : '—'}</dd>
          <dt>Reason</dt>
          <dd>{approval.decisionReason ?? '—'}</dd>
        </dl>
      )}
      {approval.result && (
        <>
          <div className="card-header"><h2>Result</h2></div>
          <PayloadLines lines={approval.result} />
        </>
      )}
    </section>
  )
}
