import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import StatusBadge from '~/components/status_badge'
import JobDetails from '~/components/queue/job_details'
import PageLinks from '~/components/queue/page_links'
import RetryButton from '~/components/queue/retry_button'
import { duration, when } from '~/components/queue/format'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{
  queue: Data.QueueSummary
  failed: Data.QueueJob[]
  dead: Data.QueueDeadLetter[]
  pages: { perPage: number; failed: { page: number; hasMore: boolean }; dead: { page: number; hasMore: boolean } }
  can: { retry: boolean }
  urls: { index: string; show: string; retryAllDead: string }
}>

function failedColumns(canRetry: boolean): Column<Data.QueueJob>[] {
  return [
    { key: 'id', label: 'Job', render: (j) => <span className="mono">{j.id}</span> },
    { key: 'state', label: 'State', render: (j) => <StatusBadge status={j.state === 'failed' ? 'rejected' : 'pending'} label={j.state === 'failed' ? 'failed' : 'retrying'} /> },
    { key: 'error', label: 'Error', render: (j) => <JobDetails error={j.error} data={j.data} output={j.output} /> },
    { key: 'retries', label: 'Retries', align: 'right', render: (j) => `${j.retryCount} / ${j.retryLimit}` },
    { key: 'createdOn', label: 'Created (UTC)', render: (j) => when(j.createdOn) },
    { key: 'failedOn', label: 'Failed / next attempt (UTC)', render: (j) => (j.state === 'failed' ? when(j.failedOn) : `next ${when(j.nextAttemptOn)}`) },
    {
      key: 'actions',
      label: '',
      render: (j) =>
        canRetry && j.retryable ? (
          <RetryButton url={j.retryUrl} label="Retry" title="Retry this job?">
            The job runs once more on its queue and its dead letter is removed. Handlers are idempotent, so a job that
            already took effect does nothing twice. The retry is audited.
          </RetryButton>
        ) : j.state === 'failed' ? (
          <span className="subtle">{j.deadLetterId ? '' : 'handled through its dead letter'}</span>
        ) : null,
    },
  ]
}

function deadColumns(canRetry: boolean): Column<Data.QueueDeadLetter>[] {
  return [
    { key: 'id', label: 'Dead letter', render: (d) => <span className="mono">{d.id}</span> },
    { key: 'sourceId', label: 'Original job', render: (d) => <span className="mono">{d.sourceId ?? '—'}</span> },
    { key: 'error', label: 'Last error', render: (d) => <JobDetails error={d.error} data={d.data} output={d.output} /> },
    { key: 'retries', label: 'Retries used', align: 'right', render: (d) => d.retryCount ?? '—' },
    { key: 'sourceCreatedOn', label: 'First queued (UTC)', render: (d) => when(d.sourceCreatedOn) },
    { key: 'deadLetteredOn', label: 'Dead-lettered (UTC)', render: (d) => when(d.deadLetteredOn) },
    {
      key: 'actions',
      label: '',
      render: (d) =>
        canRetry ? (
          <RetryButton url={d.retryUrl} label="Retry" title="Move this dead letter back onto its queue?">
            A fresh job with the same payload is queued with the queue's retry policy. The retry is audited.
          </RetryButton>
        ) : null,
    },
  ]
}

/** One queue: its counts, failed jobs and dead letters, with Retry for the roles that may */
export default function QueueShow({ queue, failed, dead, pages, can, urls }: Props) {
  const query = { failedPage: pages.failed.page, deadPage: pages.dead.page, perPage: pages.perPage }
  const c = queue.counts
  return (
    <BackofficeLayout>
      <Head title={`Queue ${queue.name}`} />
      <PageHeader
        title={`Queue ${queue.name}`}
        description={<Link href={urls.index}>All queues</Link>}
      />
      <section className="card">
        <dl className="details">
          <dt>Waiting</dt>
          <dd>{c.queued} ({c.ready} ready, {c.deferred} deferred) · oldest ready waited {duration(queue.oldestWaitingSeconds)}</dd>
          <dt>Running</dt>
          <dd>{c.active}</dd>
          <dt>Failed</dt>
          <dd>{c.retrying} retrying · {c.failed} failed for good · {c.dead} in {queue.deadLetter}</dd>
          <dt>Retry policy</dt>
          <dd>
            {queue.policy.retryLimit} retries, backoff from {duration(queue.policy.retryDelay)} up to{' '}
            {duration(queue.policy.retryDelayMax)}; an attempt may run {duration(queue.policy.expireInSeconds)}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="failed-title">
        <div className="card-header">
          <h2 id="failed-title">Failed jobs</h2>
        </div>
        <DataTable columns={failedColumns(can.retry)} rows={failed} rowKey={(j) => j.id} caption="Failed jobs" empty="No failed jobs." />
        <PageLinks url={urls.show} param="failedPage" page={pages.failed.page} hasMore={pages.failed.hasMore} query={query} />
      </section>
      <section className="card" aria-labelledby="dead-title">
        <div className="card-header">
          <h2 id="dead-title">Dead letters ({c.dead})</h2>
          {can.retry && c.dead > 0 && (
            <RetryButton url={urls.retryAllDead} label="Retry all" title={`Move every dead letter back onto ${queue.name}?`}>
              Up to 1,000 dead letters, oldest first, are queued again with the queue's retry policy. The retry is audited.
            </RetryButton>
          )}
        </div>
        <DataTable columns={deadColumns(can.retry)} rows={dead} rowKey={(d) => d.id} caption="Dead letters" empty="No dead letters." />
        <PageLinks url={urls.show} param="deadPage" page={pages.dead.page} hasMore={pages.dead.hasMore} query={query} />
      </section>
    </BackofficeLayout>
  )
}
