import StatusBadge from '~/components/status_badge'
import PayloadLines from '~/components/approvals/payload_lines'
import type { Data } from '~/types'

/** What a four-eyes request asks for: maker, when, why, subject and the payload */
export default function RequestPanel({ approval }: { approval: Data.Approval.Variants['forDetail'] }) {
  return (
    <section className="card">
      <div className="card-header">
        <h2>Request</h2>
        <StatusBadge status={approval.status} />
      </div>
      <dl className="details">
        <dt>Maker</dt>
        <dd>{approval.maker ? `${approval.maker.fullName} (${approval.maker.email})` : '—'}</dd>
        <dt>Requested</dt>
        <dd><time dateTime={approval.createdAt ?? undefined}>{approval.createdAt}</time> ({approval.age} ago)</dd>
        <dt>Maker's reason</dt>
        <dd>{approval.makerReason ?? '—'}</dd>
        {approval.subject && (
          <>
            <dt>Subject</dt>
            <dd className="mono">{approval.subject.type} {approval.subject.id}</dd>
          </>
        )}
      </dl>
      <div className="card-header"><h2>What will be done</h2></div>
      <PayloadLines lines={approval.payload} />
    </section>
  )
}
