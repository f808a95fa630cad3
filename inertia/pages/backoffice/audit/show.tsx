import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { actorText } from '~/components/audit/actor'
import type { AuditBlock } from '#controllers/backoffice/audit_controller'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{
  event: Data.AuditEvent.Variants['forDetail']
  block: AuditBlock | null
  urls: { index: string }
}>

const pretty = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2))

/** One audit event: who did what to what, before/after side by side, and where it is sealed */
export default function AuditShow({ event, block, urls }: Props) {
  return (
    <BackofficeLayout>
      <Head title={`Audit event #${event.id}`} />
      <PageHeader
        title={`Audit event #${event.id}`}
        description={<span className="mono">{event.action}</span>}
        actions={<Link className="btn btn-secondary" href={urls.index}>Back to the trail</Link>}
      />
      <section className="card">
        <dl className="details">
          <dt>When (UTC)</dt>
          <dd><time dateTime={event.occurredAt ?? undefined}>{event.occurredAt}</time></dd>
          <dt>Actor</dt>
          <dd>{actorText(event.actor)}{event.actor.label && event.actor.id ? ` (staff ${event.actor.id})` : ''}</dd>
          <dt>Subject</dt>
          <dd>{event.subject ? `${event.subject.type} ${event.subject.id ?? ''}` : '—'}</dd>
          <dt>IP</dt>
          <dd className="mono">{event.ip ?? '—'}</dd>
          <dt>Request id</dt>
          <dd className="mono">{event.requestId ?? '—'}</dd>
          <dt>Row hash</dt>
          <dd className="mono hash">{event.rowHash}</dd>
          <dt>Sealed in</dt>
          <dd>
            {block ? (
              <>
                block #{block.id} ({block.eventCount} events, {block.sealedAt})
                <div className="mono hash">{block.blockHash}</div>
              </>
            ) : (
              'Not sealed yet (the sealer links committed rows into blocks shortly after commit)'
            )}
          </dd>
        </dl>
      </section>
      <div className="grid grid-2 audit-diff">
        <section className="card">
          <div className="card-header"><h2>Before</h2></div>
          <div className="card-body"><pre className="json">{pretty(event.before)}</pre></div>
        </section>
        <section className="card">
          <div className="card-header"><h2>After</h2></div>
          <div className="card-body"><pre className="json">{pretty(event.after)}</pre></div>
        </section>
      </div>
      <section className="card">
        <div className="card-header"><h2>Metadata</h2></div>
        <div className="card-body"><pre className="json">{pretty(event.metadata)}</pre></div>
      </section>
    </BackofficeLayout>
  )
}
