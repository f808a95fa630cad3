import { PgBoss, fromKnex } from 'pg-boss'
import type { SendOptions } from 'pg-boss'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import queueConfig, { QUEUES, QUEUE_NAMES, deadLetterOf, type QueueName } from '#config/queue'
import { databaseLocation } from '#config/database'
import type { JobPayloads } from '#services/queue/job_payloads'
import { randomUUID } from 'node:crypto'

/** A job's INSERT built by pg-boss and not yet run: `text` uses `$1` for `values[0]` */
export interface JobInsert {
  text: string
  values: unknown[]
}

export interface JobQueueOptions {
  /** The worker (`node ace queue:work`): pg-boss's supervisor (expiry, retention) and cron pass run here only */
  worker: boolean
}

/**
 * pg-boss on the application's PostgreSQL (ARCHITECTURE §7), one instance
 * per process, started on first use. Its tables live in their own schema
 * (QUEUE_SCHEMA), installed by migration 0610; the process never migrates
 * them (the runtime role owns nothing), so a pg-boss upgrade needs a
 * migration (tests/functional/queue/queue_schema.spec.ts fails until then).
 *
 * The web process only enqueues, inside the caller's transaction
 * (`enqueue(trx, …)`): a rolled-back change sends nothing. The worker also
 * supervises and keeps the schedules.
 */
export class JobQueue {
  #boss?: Promise<PgBoss>
  #options: JobQueueOptions = { worker: false }

  configure(options: JobQueueOptions) {
    if (this.#boss) throw new Error('the job queue is already started')
    this.#options = options
  }

  /** The started pg-boss instance (queues and their dead-letter queues created when missing) */
  boss(): Promise<PgBoss> {
    this.#boss ??= this.#start().catch((error) => {
      this.#boss = undefined
      throw error
    })
    return this.#boss
  }

  async #start(): Promise<PgBoss> {
    const { host, port, user, password, database } = databaseLocation
    const worker = this.#options.worker
    const boss = new PgBoss({
      host,
      port,
      user,
      password,
      database,
      schema: queueConfig.schema,
      max: queueConfig.poolMax,
      application_name: worker ? 'strongroom-worker' : 'strongroom-web',
      migrate: false,
      createSchema: false,
      reindex: false,
      supervise: worker,
      schedule: worker,
      superviseIntervalSeconds: queueConfig.superviseSeconds,
      monitorIntervalSeconds: queueConfig.superviseSeconds,
    })
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
    await boss.start()
    await ensureQueues(boss)
    return boss
  }

  /**
   * Enqueues a job INSIDE the caller's database transaction (transactional
   * outbox): it becomes visible to workers when `trx` commits, and never
   * exists if it rolls back. Returns the job id.
   */
  async enqueue<Q extends QueueName>(
    trx: TransactionClientContract,
    queue: Q,
    data: JobPayloads[Q],
    options: Omit<SendOptions, 'db'> = {}
  ): Promise<string> {
    const boss = await this.boss()
    const id = await boss.send(queue, data as object, { ...options, db: this.executor(trx) })
    if (!id) throw new Error(`job not enqueued on ${queue}`)
    return id
  }

  /**
   * Several jobs of one queue in ONE statement (pg-boss's insert), run
   * through the caller's executor, so they commit or roll back with the
   * caller's transaction (the posting batcher: one job per booked
   * transfer of a batch). Queue defaults apply, as with `enqueue`.
   */
  async enqueueMany<Q extends QueueName>(
    executor: { executeSql(text: string, values: unknown[]): Promise<{ rows: any[] }> },
    queue: Q,
    data: JobPayloads[Q][]
  ): Promise<void> {
    if (data.length === 0) return
    const boss = await this.boss()
    await boss.insert(queue, data.map((item) => ({ data: item as object })), { db: executor })
  }

  /**
   * The job's INSERT as pg-boss builds it for `send(queue, data, { db })`,
   * not run: the statement and its values (one `$1` placeholder), to be
   * run as a data-modifying CTE of the caller's own statement, which makes
   * the job part of that statement's transaction in the same round trip
   * (the ledger's postings: callLedgerFunction). Null when pg-boss did not
   * build exactly one INSERT (another version): the caller then enqueues
   * in a transaction instead.
   */
  async insertStatement<Q extends QueueName>(queue: Q, data: JobPayloads[Q]): Promise<JobInsert | null> {
    const boss = await this.boss()
    const id = randomUUID()
    const captured: JobInsert[] = []
    const capture = {
      async executeSql(text: string, values: unknown[]) {
        captured.push({ text, values })
        return { rows: [{ id }] }
      },
    }
    await boss.send(queue, data as object, { id, db: capture })
    if (captured.length !== 1) return null
    const [insert] = captured
    if (!/^\s*INSERT INTO /i.test(insert.text) || insert.values.length !== 1 || /\$2\b/.test(insert.text)) return null
    return insert
  }

  /** pg-boss's executor over a Lucid transaction (any pg-boss call taking `{ db }`: send, redrive, deleteJob …) */
  executor(trx: TransactionClientContract) {
    return fromKnex(trx.knexClient as any)
  }

  async stop(options: { graceful?: boolean; timeout?: number } = {}) {
    const started = this.#boss
    this.#boss = undefined
    if (!started) return
    const boss = await started.catch(() => null)
    await boss?.stop({ graceful: options.graceful ?? true, timeout: options.timeout ?? 10_000, close: true })
  }
}

/** Each queue with its retry policy and dead-letter queue (created or updated: the config is the truth) */
async function ensureQueues(boss: PgBoss) {
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name))
  for (const name of QUEUE_NAMES) {
    const dead = deadLetterOf(name)
    if (!existing.has(dead)) await boss.createQueue(dead, { retentionSeconds: 30 * 24 * 3600 })
    const { policy } = QUEUES[name]
    const options = {
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelay,
      retryDelayMax: policy.retryDelayMax,
      retryBackoff: true,
      expireInSeconds: queueConfig.expireSeconds ?? policy.expireInSeconds,
    }
    if (existing.has(name)) await boss.updateQueue(name, options)
    else await boss.createQueue(name, { ...options, deadLetter: dead })
  }
}

/** The process's job queue */
const jobQueue = new JobQueue()
export default jobQueue
