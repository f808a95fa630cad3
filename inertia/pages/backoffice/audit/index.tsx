import { useState, type FormEvent } from 'react'
import { Head, Link, router, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { queryString, type Column } from '~/components/data_table'
import ConfirmDialog from '~/components/confirm_dialog'
import StatusBadge from '~/components/status_badge'
import { SelectField, TextField } from '~/components/fields'
import type { PageProps } from '~/types'

export interface AuditRow {
  id: number
  occurredAt: string
  actor: { type: string; id: string | null; label: string | null }
  action: string
  subject: { type: string; id: string | null } | null
  ip: string | null
  requestId: string | null
  url: string
}

interface Filters {
  actorType?: string
  actorId?: string
  actorEmail?: string
  action?: string
  subjectType?: string
  subjectId?: string
  from?: string
  to?: string
  perPage: number
}

interface Run {
  id: number
  finishedAt: string
  ok: boolean
  lastVerifiedBlock: number | null
  breaks: Array<{ kind: string; message: string }>
  source: string
  runBy: { id: number; email: string } | null
  rowsChecked: number
  blocksChecked: number
  unsealedRows: number
  sealedNow: number
}

type Props = PageProps<{
  events: AuditRow[]
  cursors: { newer: number | null; older: number | null }
  filters: Filters
  chain: {
    lastBlock: { id: number; blockHash: string; sealedAt: string; eventCount: number } | null
    lastRun: Run | null
  }
  can: { verify: boolean }
  urls: { index: string; verify: string }
}>

const FIELDS = ['actorType', 'actorId', 'actorEmail', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const

export const actorText = (actor: AuditRow['actor']) =>
  actor.label ?? (actor.id ? `${actor.type} ${actor.id}` : actor.type)

function ChainStatus({ chain, can, urls }: Pick<Props, 'chain' | 'can' | 'urls'>) {
  const [confirming, setConfirming] = useState(false)
  const form = useForm({})
  const run = chain.lastRun
  return (
    <section className={`card chain-status ${run && !run.ok ? 'chain-broken' : ''}`} aria-labelledby="chain-title">
      <div className="card-header">
        <h2 id="chain-title">Chain status</h2>
        {can.verify && (
          <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
            Run verification
          </button>
        )}
      </div>
      <dl className="details">
        <dt>Last sealed block</dt>
        <dd>
          {chain.lastBlock ? (
            <>
              #{chain.lastBlock.id} · {chain.lastBlock.eventCount} events · sealed {chain.lastBlock.sealedAt}
              <div className="mono hash">{chain.lastBlock.blockHash}</div>
            </>
          ) : (
            'No block sealed yet'
          )}
        </dd>
        <dt>Last verification</dt>
        <dd>
          {run ? (
            <>
              <StatusBadge status={run.ok ? 'ok' : 'broken'} label={run.ok ? 'intact' : 'BROKEN'} /> {run.finishedAt} ·{' '}
              {run.runBy ? run.runBy.email : 'command line'} · {run.rowsChecked} rows, {run.blocksChecked} blocks
              {run.lastVerifiedBlock !== null && <> · intact up to block #{run.lastVerifiedBlock}</>}
            </>
          ) : (
            'Never run'
          )}
        </dd>
      </dl>
      {run && run.breaks.length > 0 && (
        <div className="alert alert-error chain-breaks" role="alert">
          <strong>{run.breaks.length} break(s) in the audit chain</strong>
          <ul>
            {run.breaks.map((b, i) => (
              <li key={i}>
                <span className="mono">[{b.kind}]</span> {b.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Verify the audit chain?"
        confirmLabel="Seal and verify"
        processing={form.processing}
        onConfirm={() => form.post(urls.verify, { onFinish: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        Pending rows are sealed into a block first, then every row hash and block link is recomputed. The run is recorded.
      </ConfirmDialog>
    </section>
  )
}

/** The audit trail, newest first, filtered and paginated on the server (keyset) */
export default function AuditIndex({ events, cursors, filters, chain, can, urls }: Props) {
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(FIELDS.map((f) => [f, filters[f] ?? '']))
  )
  const active = Object.fromEntries(FIELDS.map((f) => [f, filters[f]]))
  const search = (event: FormEvent) => {
    event.preventDefault()
    router.get(urls.index, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')), { preserveState: true })
  }
  const set = (name: string) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value })

  const columns: Column<AuditRow>[] = [
    { key: 'id', label: '#', render: (e) => <Link href={e.url}>{e.id}</Link> },
    { key: 'occurredAt', label: 'When (UTC)', render: (e) => <time dateTime={e.occurredAt}>{e.occurredAt.replace('T', ' ').slice(0, 19)}</time> },
    { key: 'actor', label: 'Actor', render: (e) => actorText(e.actor) },
    { key: 'action', label: 'Action', render: (e) => <span className="mono">{e.action}</span> },
    { key: 'subject', label: 'Subject', render: (e) => (e.subject ? `${e.subject.type} ${e.subject.id ?? ''}` : '—') },
    { key: 'ip', label: 'IP', render: (e) => e.ip ?? '—' },
  ]

  return (
    <BackofficeLayout>
      <Head title="Audit trail" />
      <PageHeader title="Audit trail" description="Every staff action, authentication and API write; append-only and hash-chained." />
      <ChainStatus chain={chain} can={can} urls={urls} />
      <section className="card">
        <form className="filters" onSubmit={search} role="search" aria-label="Filter the audit trail">
          <SelectField
            label="Actor type"
            name="actorType"
            value={values.actorType}
            onChange={set('actorType')}
            options={[{ value: '', label: 'Any' }, ...['staff', 'customer', 'partner', 'system', 'anonymous'].map((t) => ({ value: t, label: t }))]}
          />
          <TextField label="Actor id" name="actorId" value={values.actorId} onChange={set('actorId')} />
          <TextField label="Staff email" name="actorEmail" type="email" value={values.actorEmail} onChange={set('actorEmail')} />
          <TextField label="Action (prefix)" name="action" placeholder="ledger." value={values.action} onChange={set('action')} />
          <TextField label="Subject type" name="subjectType" value={values.subjectType} onChange={set('subjectType')} />
          <TextField label="Subject id" name="subjectId" value={values.subjectId} onChange={set('subjectId')} />
          <TextField label="From" name="from" type="date" value={values.from} onChange={set('from')} />
          <TextField label="To" name="to" type="date" value={values.to} onChange={set('to')} />
          <button type="submit" className="btn">Filter</button>
          <Link className="btn btn-secondary" href={urls.index}>Clear</Link>
        </form>
        <DataTable columns={columns} rows={events} rowKey={(e) => e.id} empty="No audit events match these filters." caption="Audit events" />
        <nav className="pagination" aria-label="Pagination">
          <span className="subtle">Newest first · {filters.perPage} per page</span>
          <div className="pages">
            {cursors.newer !== null ? (
              <Link className="btn btn-secondary" href={`${urls.index}${queryString({ ...active, after: cursors.newer })}`} preserveState>
                Newer
              </Link>
            ) : (
              <button className="btn btn-secondary" disabled>Newer</button>
            )}
            {cursors.older !== null ? (
              <Link className="btn btn-secondary" href={`${urls.index}${queryString({ ...active, before: cursors.older })}`} preserveState>
                Older
              </Link>
            ) : (
              <button className="btn btn-secondary" disabled>Older</button>
            )}
          </div>
        </nav>
      </section>
    </BackofficeLayout>
  )
}
