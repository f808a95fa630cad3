import db from '@adonisjs/lucid/services/db'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'

/**
 * A customer marks every unread notification of theirs read; returns how
 * many. With none unread nothing changes (no audit row); otherwise one
 * 'notification.read_all' row with the count, in the same transaction.
 */
export default class MarkAllNotificationsRead {
  async handle(input: { customerId: number; context: RequestContext }): Promise<{ marked: number }> {
    return db.transaction(async (trx) => {
      const marked = Number(
        await trx
          .from('notifications')
          .where({ customer_id: input.customerId, in_app: true })
          .whereNull('read_at')
          .update({ read_at: new Date() })
      )
      if (marked > 0) {
        await AuditTrail.record(
          {
            actor: { type: 'customer', id: input.customerId },
            action: 'notification.read_all',
            subject: { type: 'customer', id: input.customerId },
            metadata: { marked },
            ...input.context,
          },
          trx
        )
      }
      return { marked }
    })
  }
}
