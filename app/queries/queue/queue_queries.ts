import db from '@adonisjs/lucid/services/db'
import queueConfig, { QUEUE_NAMES, SCHEDULES, deadLetterOf, type QueueName } from '#config/queue'
import jobQueue from '#services/queue/job_queue'

/** One queue's line on the queue page */
export interface QueueSummary {
  name: QueueName
  deadLetter: string
  /** Waiting jobs (ready + deferred + blocked), running, between attempts, failed for good */
  queued: number
  ready: number
  deferred: number
  active: number
  retrying: number
  failed: number
  /** Jobs waiting in `<queue>.dead` to be retried or to expire */
  dead: number
  /** Seconds the oldest ready job has waited (null: none ready) */
  oldestWaitingSeconds: number | null
  retryLimit: number
  retryDelay: number
  retryDelayMax: number | null
  expireInSeconds: number
}

/** A periodic job of one of our queues (pg-boss schedule, kept by the worker) */
export interface QueueSchedule {
  queue: QueueName
  key: string
  cron: string
  timezone: string
  updatedOn: Date
  lastJobId: string | null
}

/** A job of a queue that failed: between attempts ('retry') or for good ('failed') */
export interface FailedJob {
  id: string
  queue: QueueName
  state: 'retry' | 'failed'
  data: unknown
  /** What the last attempt threw (pg-boss keeps the error's message and stack) */
  output: unknown
  retryCount: number
  retryLimit: number
  createdOn: Date
  startedOn: Date | null
  /** When it failed for good (null while retrying) */
  completedOn: Date | null
  /** The next attempt (retrying jobs) */
  startAfter: Date
  /** Its copy still waiting in the dead-letter queue: only then may staff retry it (RetryFailedJob) */
  deadLetterId: string | null
}

/** A job in `<queue>.dead`: copied there when its retries ran out */
export interface DeadLetter {
  id: string
  queue: QueueName
  /** The failed job on the original queue */
  sourceId: string | null
  data: unknown
  /** The original job's last error */
  output: unknown
  /** Retries the original job used */
  retryCount: number | null
  /** When the original job was created */
  sourceCreatedOn: Date | null
  /** When it was dead-lettered */
  createdOn: Date
}

export interface JobPage<T> {
  jobs: T[]
  page: number
  perPage: number
  hasMore: boolean
}

const WAITING = `j.state < 'active'`
const READY = `${WAITING} and not j.blocked and j.start_after <= now()`

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string))

/**
 * Reads of the job queue (pg-boss, schema QUEUE_SCHEMA) for the backoffice.
 *
 * Queue settings come from pg-boss's getQueues() and getSchedules(). The
 * counts are read live from the job table (only the jobs not yet finished,
 * through pg-boss's partial index on live states): getQueues()' own counts
 * are a cache that only the worker's supervisor refreshes, so a page
 * reading them would lag by up to a minute and show nothing without a
 * worker. Lists are newest first, a page at a time (failed and dead-letter
 * jobs are few: pg-boss deletes them after their retention).
 */
export default class QueueQueries {
  private get job() {
    return `${queueConfig.schema}.job`
  }

  async summaries(): Promise<QueueSummary[]> {
    const boss = await jobQueue.boss()
    const settings = new Map((await boss.getQueues([...QUEUE_NAMES])).map((queue) => [queue.name, queue]))
    const names = QUEUE_NAMES.flatMap((name) => [name, deadLetterOf(name)])
    const { rows } = await db.rawQuery(
      `select j.name,
              count(*) filter (where ${WAITING})::int as queued,
              count(*) filter (where ${READY})::int as ready,
              count(*) filter (where ${WAITING} and not j.blocked and j.start_after > now())::int as deferred,
              count(*) filter (where j.state = 'retry')::int as retrying,
              count(*) filter (where j.state = 'active')::int as active,
              count(*) filter (where j.state = 'failed')::int as failed,
              floor(extract(epoch from now() - min(greatest(j.created_on, j.start_after)) filter (where ${READY})))::int as oldest
         from ${this.job} j
        where j.name = any(?) and j.state in ('created', 'retry', 'active', 'failed')
        group by j.name`,
      [names]
    )
    const counts = new Map<string, any>(rows.map((row: any) => [row.name, row]))
    return QUEUE_NAMES.map((name) => {
      const live = counts.get(name)
      const queue = settings.get(name)
      return {
        name,
        deadLetter: queue?.deadLetter ?? deadLetterOf(name),
        queued: live?.queued ?? 0,
        ready: live?.ready ?? 0,
        deferred: live?.deferred ?? 0,
        active: live?.active ?? 0,
        retrying: live?.retrying ?? 0,
        failed: live?.failed ?? 0,
        dead: counts.get(deadLetterOf(name))?.queued ?? 0,
        oldestWaitingSeconds: live?.oldest ?? null,
        retryLimit: queue?.retryLimit ?? 0,
        retryDelay: queue?.retryDelay ?? 0,
        retryDelayMax: queue?.retryDelayMax ?? null,
        expireInSeconds: queue?.expireInSeconds ?? 0,
      }
    })
  }

  async summary(queue: QueueName): Promise<QueueSummary> {
    return (await this.summaries()).find((summary) => summary.name === queue)!
  }

  /** The schedules of our queues as pg-boss keeps them (created by the worker from config SCHEDULES) */
  async schedules(): Promise<{ active: QueueSchedule[]; configured: typeof SCHEDULES }> {
    const boss = await jobQueue.boss()
    const active = (await boss.getSchedules())
      .filter((schedule) => (QUEUE_NAMES as string[]).includes(schedule.name))
      .map((schedule) => ({
        queue: schedule.name as QueueName,
        key: schedule.key,
        cron: schedule.cron,
        timezone: schedule.timezone,
        updatedOn: schedule.updatedOn,
        lastJobId: schedule.lastJobId ?? null,
      }))
    return { active, configured: SCHEDULES }
  }

  /** Jobs of `queue` that failed (retrying or for good), last failure first */
  async failedJobs(queue: QueueName, page: number, perPage: number): Promise<JobPage<FailedJob>> {
    const { rows } = await db.rawQuery(
      `select j.id, j.state, j.data, j.output, j.retry_count, j.retry_limit, j.created_on, j.started_on,
              j.completed_on, j.start_after,
              (select d.id from ${this.job} d
                where d.name = ? and d.source_id = j.id and d.state < 'active' limit 1) as dead_letter_id
         from ${this.job} j
        where j.name = ? and j.state in ('retry', 'failed')
        order by coalesce(j.completed_on, j.started_on, j.created_on) desc, j.id desc
        limit ? offset ?`,
      [deadLetterOf(queue), queue, perPage + 1, (page - 1) * perPage]
    )
    const jobs = rows.slice(0, perPage).map(
      (row: any): FailedJob => ({
        id: row.id,
        queue,
        state: row.state,
        data: row.data,
        output: row.output,
        retryCount: Number(row.retry_count),
        retryLimit: Number(row.retry_limit),
        createdOn: date(row.created_on)!,
        startedOn: date(row.started_on),
        completedOn: date(row.completed_on),
        startAfter: date(row.start_after)!,
        deadLetterId: row.dead_letter_id ?? null,
      })
    )
    return { jobs, page, perPage, hasMore: rows.length > perPage }
  }

  /** Jobs waiting in `<queue>.dead`, last dead-lettered first */
  async deadLetters(queue: QueueName, page: number, perPage: number): Promise<JobPage<DeadLetter>> {
    const { rows } = await db.rawQuery(
      `select j.id, j.data, j.source_id, j.source_output, j.source_retry_count, j.source_created_on, j.created_on
         from ${this.job} j
        where j.name = ? and ${WAITING}
        order by j.created_on desc, j.id desc
        limit ? offset ?`,
      [deadLetterOf(queue), perPage + 1, (page - 1) * perPage]
    )
    const jobs = rows.slice(0, perPage).map(
      (row: any): DeadLetter => ({
        id: row.id,
        queue,
        sourceId: row.source_id ?? null,
        data: row.data,
        output: row.source_output,
        retryCount: row.source_retry_count === null ? null : Number(row.source_retry_count),
        sourceCreatedOn: date(row.source_created_on),
        createdOn: date(row.created_on)!,
      })
    )
    return { jobs, page, perPage, hasMore: rows.length > perPage }
  }
}
