import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import queueConfig, { deadLetterOf } from '#config/queue'
import jobQueue from '#services/queue/job_queue'

/**
 * Jobs of the job queue (pg-boss) for the queue page's tests: enqueued
 * through jobQueue.enqueue in a committed transaction, then fetched and
 * failed through pg-boss as a worker would. Nothing works the queues during
 * the tests, so what a test enqueues stays where it put it; every job here
 * carries a fresh `subjectId` tag the test can find it by.
 */
export const TEST_QUEUE = 'risk.score' as const

export interface JobRow {
  id: string
  name: string
  state: string
  data: any
  output: any
  retry_count: number
  retry_limit: number
  priority: number
  source_id: string | null
  source_name: string | null
  source_output: any
  source_retry_count: number | null
}

/** The rows of `pgboss.job` carrying this tag, on the test queue and its dead-letter queue, oldest first */
export async function jobsTagged(tag: string): Promise<JobRow[]> {
  const { rows } = await db.rawQuery(
    `select * from ${queueConfig.schema}.job where name in (?, ?) and data->>'subjectId' = ? order by created_on, id`,
    [TEST_QUEUE, deadLetterOf(TEST_QUEUE), tag]
  )
  return rows
}

/** Enqueues `count` waiting jobs on the test queue in one committed transaction */
export async function waitingJobs(count: number, options: { startAfter?: number } = {}) {
  const tag = randomUUID()
  const ids = await db.transaction(async (trx) => {
    const made: string[] = []
    for (let i = 0; i < count; i++) {
      made.push(await jobQueue.enqueue(trx, TEST_QUEUE, { event: 'test.queue_page', subjectId: tag }, options))
    }
    return made
  })
  return { tag, ids }
}

/**
 * A job whose every attempt threw, `retries` retries allowed: fetched and
 * failed until pg-boss fails it for good and copies it into the dead-letter
 * queue. Its priority is above every job already on the queue, so the
 * fetches take this job and no other test's.
 */
export async function deadLetteredJob(retries = 2, message = 'SMTP unavailable') {
  const boss = await jobQueue.boss()
  const tag = randomUUID()
  const { rows } = await db.rawQuery(`select coalesce(max(priority), 0) + 1 as top from ${queueConfig.schema}.job where name = ?`, [TEST_QUEUE])
  const id = await db.transaction((trx) =>
    jobQueue.enqueue(trx, TEST_QUEUE, { event: 'test.queue_page', subjectId: tag }, {
      retryLimit: retries, retryDelay: 0, retryBackoff: false, priority: Number(rows[0].top),
    })
  )
  for (let attempt = 0; attempt <= retries; attempt++) {
    const [job] = await boss.fetch(TEST_QUEUE, { batchSize: 1 })
    if (job?.id !== id) throw new Error(`fetched ${job?.id ?? 'nothing'} instead of ${id}`)
    await boss.fail(TEST_QUEUE, job.id, { message: `${message} (attempt ${attempt + 1})` })
  }
  const [job, dead] = await jobsTagged(tag)
  if (job?.state !== 'failed' || !dead) throw new Error(`job ${id} was not dead-lettered`)
  return { tag, id, deadLetterId: dead.id as string }
}
