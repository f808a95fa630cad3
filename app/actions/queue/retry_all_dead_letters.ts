import db from '@adonisjs/lucid/services/db'
import { deadLetterOf, type QueueName } from '#config/queue'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import AuditTrail from '#services/audit/audit_trail'
import jobQueue from '#services/queue/job_queue'

/** Dead letters moved by one request (oldest first); the rest wait for the next click */
export const RETRY_ALL_LIMIT = 1000

export interface RetryAllDeadLettersInput {
  queue: QueueName
  staff: StaffUser
  context: RequestContext
}

/**
 * Moves the dead letters of a queue back onto it (pg-boss `redrive`,
 * oldest first, at most RETRY_ALL_LIMIT, only those dead-lettered before
 * the request), with one audit row saying how many, in one transaction.
 * Moving none is not an error (the page may have been stale).
 */
export default class RetryAllDeadLetters {
  async handle(input: RetryAllDeadLettersInput): Promise<{ moved: number }> {
    const boss = await jobQueue.boss()
    const dead = deadLetterOf(input.queue)
    return db.transaction(async (trx) => {
      const moved = await boss.redrive(dead, {
        sourceName: input.queue,
        createdBefore: new Date(),
        limit: RETRY_ALL_LIMIT,
        db: jobQueue.executor(trx),
      })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'queue.dead_letters.retried',
          subject: { type: 'queue', id: input.queue },
          after: { moved },
          metadata: { queue: input.queue, deadLetterQueue: dead, limit: RETRY_ALL_LIMIT },
          ...input.context,
        },
        trx
      )
      return { moved }
    })
  }
}
