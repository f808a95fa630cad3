import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import { duration, when } from '~/components/queue/format'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{
  queues: Data.QueueSummary[]
  schedules: Data.QueueSchedule[]
  configuredSchedules: { queue: string; cron: string }[]
}>

/** `alarm`: a count that should be zero is shown in bold when it is not */
const count = (n: number, alarm = false) => (alarm && n > 0 ? <strong>{n}</strong> : n)

const QUEUE_COLUMNS: Column<Data.QueueSummary>[] = [
  { key: 'name', label: 'Queue', render: (q) => <Link href={q.url} className="mono">{q.name}</Link> },
  { key: 'ready', label: 'Ready', align: 'right', render: (q) => count(q.counts.ready) },
  { key: 'deferred', label: 'Deferred', align: 'right', render: (q) => count(q.counts.deferred) },
  { key: 'active', label: 'Running', align: 'right', render: (q) => count(q.counts.active) },
  { key: 'retrying', label: 'Retrying', align: 'right', render: (q) => count(q.counts.retrying, true) },
  { key: 'failed', label: 'Failed', align: 'right', render: (q) => count(q.counts.failed, true) },
  { key: 'dead', label: 'Dead', align: 'right', render: (q) => count(q.counts.dead, true) },
  { key: 'oldest', label: 'Oldest', align: 'right', render: (q) => duration(q.oldestWaitingSeconds) },
]

const SCHEDULE_COLUMNS: Column<Data.QueueSchedule>[] = [
  { key: 'queue', label: 'Queue', render: (s) => <span className="mono">{s.queue}</span> },
  { key: 'cron', label: 'Cron', render: (s) => <span className="mono">{s.cron}</span> },
  { key: 'timezone', label: 'Time zone', render: (s) => s.timezone },
  { key: 'updatedOn', label: 'Set (UTC)', render: (s) => when(s.updatedOn) },
  { key: 'lastJobId', label: 'Last job', render: (s) => <span className="mono">{s.lastJobId ?? '—'}</span> },
]

/** Every queue's depth, failures and dead letters, and the periodic jobs */
export default function QueueIndex({ queues, schedules, configuredSchedules }: Props) {
  return (
    <BackofficeLayout>
      <Head title="Job queue" />
      <PageHeader
        title="Job queue"
        description="Side effects (notifications, mail, risk scoring) run by the queue:work worker. A job that keeps failing is retried with backoff, then moved to its dead-letter queue."
      />
      <section className="card">
        <DataTable columns={QUEUE_COLUMNS} rows={queues} rowKey={(q) => q.name} caption="Queues" />
      </section>
      <section className="card" aria-labelledby="schedules-title">
        <div className="card-header">
          <h2 id="schedules-title">Schedules</h2>
        </div>
        <DataTable
          columns={SCHEDULE_COLUMNS}
          rows={schedules}
          rowKey={(s) => `${s.queue}:${s.key}`}
          caption="Schedules"
          empty={
            configuredSchedules.length
              ? `None active yet: a worker sets ${configuredSchedules.map((s) => `${s.queue} (${s.cron})`).join(', ')} when it starts.`
              : 'No periodic jobs.'
          }
        />
      </section>
    </BackofficeLayout>
  )
}
