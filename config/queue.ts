import env from '#start/env'

/**
 * The job queue (ARCHITECTURE §7): pg-boss on the application's
 * PostgreSQL, in its own schema, installed by migration 0610. Read on use.
 *
 * - QUEUE_SCHEMA: the schema of pg-boss's tables (default pgboss).
 * - QUEUE_POOL_MAX: connections of pg-boss's own pool in each process
 *   (default 4; the worker's handlers use Lucid's pool like the web).
 * - QUEUE_POLL_SECONDS: how often an idle worker polls a queue (default 1).
 * - QUEUE_EXPIRE_SECONDS: how long a job may stay active before it is
 *   retried (default: each queue's own, 300 s): a worker killed mid-job
 *   leaves its job active until then.
 * - QUEUE_SUPERVISE_SECONDS: how often the worker's supervisor looks for
 *   expired jobs (default 60).
 *
 * Every queue retries with exponential backoff and, once its retries are
 * spent, copies the job into `<queue>.dead`, the dead-letter queue that
 * the backoffice's queue page lists and retries from.
 */
export interface QueuePolicy {
  /** Attempts after the first one */
  retryLimit: number
  /** First retry delay in seconds; doubled (with jitter) each time up to retryDelayMax */
  retryDelay: number
  retryDelayMax: number
  /** Seconds a job may run before it is retried */
  expireInSeconds: number
}

const STANDARD: QueuePolicy = { retryLimit: 8, retryDelay: 5, retryDelayMax: 900, expireInSeconds: 300 }

/** The queues, their retry policy and how many jobs one worker runs at once by default */
export const QUEUES = {
  /** A committed posting: tell the customers concerned, score it against the slower rules */
  'ledger.posted': { policy: STANDARD, concurrency: 4 },
  /** One customer event: in-app notification, then mail when the preferences allow it */
  'notifications.dispatch': { policy: STANDARD, concurrency: 4 },
  /** One mail through SMTP, behind the circuit breaker */
  'mail.send': { policy: { ...STANDARD, retryLimit: 10, retryDelay: 30, retryDelayMax: 3600 }, concurrency: 2 },
  /** Risk rules that need more history than the posting path may spend */
  'risk.score': { policy: STANDARD, concurrency: 2 },
  /** One event to one partner's callback (a signed SET, RFC 8935 push), behind the callback's circuit breaker */
  'openbanking.deliver_event': {
    policy: { retryLimit: 10, retryDelay: 10, retryDelayMax: 3600, expireInSeconds: 120 },
    concurrency: 4,
  },
  /** The daily loan collection (`loans:collect` for today); scheduled */
  'loans.collect': { policy: { ...STANDARD, retryLimit: 3, expireInSeconds: 3600 }, concurrency: 1 },
  /** Daily housekeeping (expired rows); scheduled */
  'maintenance.prune': { policy: { ...STANDARD, retryLimit: 3 }, concurrency: 1 },
  /** The daily execution of approved erasure requests whose retention period ended (`privacy:erase-due`); scheduled */
  'privacy.erase_due': { policy: { ...STANDARD, retryLimit: 3, expireInSeconds: 3600 }, concurrency: 1 },
} as const satisfies Record<string, { policy: QueuePolicy; concurrency: number }>

export type QueueName = keyof typeof QUEUES

export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[]

/** The dead-letter queue of a queue */
export function deadLetterOf(queue: QueueName): string {
  return `${queue}.dead`
}

/** Periodic jobs (pg-boss schedule, cron in UTC), created by `node ace queue:work` */
export const SCHEDULES: { queue: QueueName; cron: string; data: object }[] = [
  { queue: 'maintenance.prune', cron: '17 3 * * *', data: {} },
  { queue: 'loans.collect', cron: '5 6 * * *', data: {} },
  { queue: 'privacy.erase_due', cron: '45 4 * * *', data: {} },
]

const queueConfig = {
  /** A plain lower-case identifier (it is written into pg-boss's SQL) */
  get schema(): string {
    const schema = env.get('QUEUE_SCHEMA') ?? 'pgboss'
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`QUEUE_SCHEMA "${schema}" is not a plain identifier`)
    return schema
  },
  get poolMax(): number {
    return env.get('QUEUE_POOL_MAX') ?? 4
  },
  get pollSeconds(): number {
    return env.get('QUEUE_POLL_SECONDS') ?? 1
  },
  get expireSeconds(): number | undefined {
    return env.get('QUEUE_EXPIRE_SECONDS')
  },
  get superviseSeconds(): number {
    return env.get('QUEUE_SUPERVISE_SECONDS') ?? 60
  },
}

export default queueConfig
