import { BaseTransformer } from '@adonisjs/core/transformers'
import type { NotificationRecord } from '#queries/notifications/notification_queries'
import { eventDefinition, isNotificationEvent } from '#domain/notifications/events'

/** An in-app notification in /api/v1 (id as a string; the event's data stays inside) */
export default class NotificationTransformer extends BaseTransformer<NotificationRecord> {
  toObject() {
    const notification = this.resource
    return {
      id: String(notification.id),
      event: notification.event,
      security: isNotificationEvent(notification.event) && eventDefinition(notification.event).security,
      title: notification.title,
      body: notification.body,
      read: notification.readAt !== null,
      readAt: notification.readAt?.toISOString() ?? null,
      createdAt: notification.createdAt.toISOString(),
    }
  }
}
