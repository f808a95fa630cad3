import db from '@adonisjs/lucid/services/db'
import queueConfig, { deadLetterOf, type QueueName } from '#config/queue'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import AuditTrail from '#services/audit/audit_trail'
import jobQueue from '#services/queue/job_queue'
import QueueJobNotRetryableException from '#exceptions/queue_job_not_retryable_exception'

export interface RetryFailedJobInput {
  queue: QueueName
  jobId: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Runs a job that failed for good once more, on its own queue (pg-boss
 * `retry`: same id, one more attempt), and removes its copy from the
 * dead-letter queue in the same transaction, so the job cannot also be
 * redriven from there (RetryDeadLetter): one of the two, never both. Only a
 * failed job whose dead letter is still waiting may be retried; the dead
 * letter's row is locked first, so a concurrent redrive of it waits and
 * then finds nothing. Audited in the same transaction.
 * Throws: QueueJobNotRetryable.
 */
export default class RetryFailedJob {
  async handle(input: RetryFailedJobInput): Promise<{ jobId: string; deadLetterIds: string[] }> {
    const boss = await jobQueue.boss()
    const dead = deadLetterOf(input.queue)
    return db.transaction(async (trx) => {
      const { rows } = await trx.rawQuery(
        `select id from ${queueConfig.schema}.job where name = ? and source_id = ? and state < 'active' for update`,
        [dead, input.jobId]
      )
      const deadLetterIds = rows.map((row: { id: string }) => row.id)
      if (deadLetterIds.length === 0) throw new QueueJobNotRetryableException()

      const options = { db: jobQueue.executor(trx) }
      const retried = (await boss.retry(input.queue, input.jobId, options)) as { affected?: number }
      if (retried.affected !== 1) throw new QueueJobNotRetryableException()
      await boss.deleteJob(dead, deadLetterIds, options)

      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'queue.job.retried',
          subject: { type: 'queue_job', id: input.jobId },
          before: { state: 'failed', deadLetterIds },
          after: { state: 'retry' },
          metadata: { queue: input.queue },
          ...input.context,
        },
        trx
      )
      return { jobId: input.jobId, deadLetterIds }
    })
  }
}
