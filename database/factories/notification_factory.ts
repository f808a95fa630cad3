import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { notificationText } from '#domain/notifications/events'
import { toNotificationRecord, type NotificationRecord } from '#queries/notifications/notification_queries'

/**
 * Notifications as DispatchNotification stores them (title and body built
 * from the catalogue, a unique dedupe key), for the API tests. The
 * notifications module has no Lucid model (its rows are written by its
 * actions through the query builder), so this factory inserts the row the
 * same way. Defaults: a 'money_received' of GBP 12.34, unread, shown in-app.
 */
export async function createNotification(
  customerId: number,
  options: { event?: string; data?: Record<string, string>; read?: boolean; inApp?: boolean; mailed?: boolean } = {}
): Promise<NotificationRecord> {
  const event = options.event ?? 'money_received'
  const data = options.data ?? { amountMinor: '1234', currency: 'GBP', accountEnding: '7890' }
  const text = notificationText(event, data)
  const [row] = await db
    .table('notifications')
    .insert({
      customer_id: customerId,
      event,
      title: text.title,
      body: text.body,
      data: JSON.stringify(data),
      dedupe_key: `${customerId}:${event}:factory-${randomUUID()}`,
      in_app: options.inApp ?? true,
      read_at: options.read ? new Date() : null,
      mailed_at: options.mailed ? new Date() : null,
    })
    .returning(['id', 'customer_id', 'event', 'title', 'body', 'read_at', 'mailed_at', 'created_at'])
  return toNotificationRecord(row)
}

/** `count` notifications for the customer, oldest first */
export async function createNotifications(customerId: number, count: number, options: Parameters<typeof createNotification>[1] = {}) {
  const created: NotificationRecord[] = []
  for (let i = 0; i < count; i++) created.push(await createNotification(customerId, options))
  return created
}
