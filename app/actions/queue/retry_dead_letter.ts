import db from '@adonisjs/lucid/services/db'
import queueConfig, { deadLetterOf, type QueueName } from '#config/queue'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import AuditTrail from '#services/audit/audit_trail'
import jobQueue from '#services/queue/job_queue'
import QueueJobNotRetryableException from '#exceptions/queue_job_not_retryable_exception'

export interface RetryDeadLetterInput {
  queue: QueueName
  /** The job's id in `<queue>.dead` */
  deadLetterId: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Moves one dead letter back onto its original queue (pg-boss `redrive`:
 * one statement deletes it from `<queue>.dead` and creates a fresh job
 * with the same payload and the queue's current retry policy), inside a
 * Lucid transaction that also writes the audit row: both or neither. The
 * failed original stays on its queue as history and can no longer be
 * retried (RetryFailedJob needs its dead letter).
 * Throws: QueueJobNotRetryable.
 */
export default class RetryDeadLetter {
  async handle(input: RetryDeadLetterInput): Promise<{ deadLetterId: string; sourceId: string | null }> {
    const boss = await jobQueue.boss()
    const dead = deadLetterOf(input.queue)
    return db.transaction(async (trx) => {
      const letter = await trx
        .from(`${queueConfig.schema}.job`)
        .where('name', dead)
        .where('id', input.deadLetterId)
        .select('source_id', 'source_retry_count')
        .first()
      if (!letter) throw new QueueJobNotRetryableException()

      const moved = await boss.redrive(dead, {
        ids: [input.deadLetterId],
        sourceName: input.queue,
        db: jobQueue.executor(trx),
      })
      if (moved !== 1) throw new QueueJobNotRetryableException()

      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'queue.dead_letter.retried',
          subject: { type: 'queue_job', id: input.deadLetterId },
          before: { queue: dead, sourceId: letter.source_id ?? null, retryCount: letter.source_retry_count ?? null },
          after: { queue: input.queue },
          metadata: { queue: input.queue },
          ...input.context,
        },
        trx
      )
      return { deadLetterId: input.deadLetterId, sourceId: letter.source_id ?? null }
    })
  }
}
