import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import NotificationQueries, { type NotificationRecord } from '#queries/notifications/notification_queries'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'

/**
 * A customer marks one of their notifications read. Idempotent: an already
 * read notification keeps its read_at and writes no audit row; the first
 * mark writes 'notification.read' in the same transaction.
 * Throws: NotificationNotFound (not theirs, hidden, or no such id).
 */
@inject()
export default class MarkNotificationRead {
  constructor(private queries: NotificationQueries) {}

  async handle(input: { customerId: number; notificationId: unknown; context: RequestContext }): Promise<NotificationRecord> {
    return db.transaction(async (trx) => {
      const notification = await this.queries.findOwned(input.customerId, input.notificationId, trx)
      if (notification.readAt) return notification
      const readAt = new Date()
      await trx.from('notifications').where('id', notification.id).update({ read_at: readAt })
      await AuditTrail.record(
        {
          actor: { type: 'customer', id: input.customerId },
          action: 'notification.read',
          subject: { type: 'notification', id: notification.id },
          ...input.context,
        },
        trx
      )
      return { ...notification, readAt }
    })
  }
}
