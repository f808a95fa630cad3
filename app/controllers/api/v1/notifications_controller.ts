import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import NotificationQueries from '#queries/notifications/notification_queries'
import MarkNotificationRead from '#actions/notifications/mark_notification_read'
import MarkAllNotificationsRead from '#actions/notifications/mark_all_notifications_read'
import NotificationTransformer from '#transformers/notification_transformer'
import { listNotificationsValidator } from '#validators/notification'
import { encodeCursor } from '#domain/api/cursor'
import { decodeCursor } from '#validators/cursor'
import { auditContext } from '#services/audit/audit_trail'

/** The signed-in customer's in-app notifications, newest first (ownership by query scoping) */
export default class NotificationsController {
  @inject()
  async index({ auth, request }: HttpContext, notifications: NotificationQueries) {
    const customer = auth.use('api').getUserOrFail()
    const { limit = 25, cursor, unread = false } = await request.validateUsing(listNotificationsValidator, { data: request.qs() })
    const page = await notifications.page(customer.id, { limit, beforeId: decodeCursor('n', cursor), unread })
    const last = page.data[page.data.length - 1]
    const qs = { limit, ...(unread ? { unread: 'true' } : {}) }
    const next = page.hasMore
      ? urlFor('api.v1.notifications.index', {}, { qs: { ...qs, cursor: encodeCursor('n', last.id) } })
      : null
    return { data: page.data.map((n) => new NotificationTransformer(n).toObject()), links: { next } }
  }

  @inject()
  async read(ctx: HttpContext, markRead: MarkNotificationRead) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const notification = await markRead.handle({ customerId: customer.id, notificationId: ctx.params.id, context: auditContext(ctx) })
    return { data: new NotificationTransformer(notification).toObject() }
  }

  @inject()
  async readAll(ctx: HttpContext, markAllRead: MarkAllNotificationsRead) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const { marked } = await markAllRead.handle({ customerId: customer.id, context: auditContext(ctx) })
    return { data: { marked } }
  }
}
