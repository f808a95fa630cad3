import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import NotificationQueries from '#queries/notifications/notification_queries'
import NotificationMail from '#mails/notifications/notification_mail'
import { deliverMail } from '#services/mail/mail_delivery'
import type { JobPayloads } from '#services/queue/job_payloads'
import { eventDefinition, isNotificationEvent } from '#domain/notifications/events'

export type SendResult = { sent: true } | { sent: false; reason: 'missing' | 'already_mailed' | 'erased' }

/**
 * Job handler of 'mail.send' (start/jobs.ts): mails one notification
 * (HTML and text) through deliverMail (circuit breaker per SMTP server),
 * then sets its mailed_at. Skips a notification already mailed.
 * The address and name are read from the customer at send time (sealed
 * personal data, opened by the model): neither the job nor the
 * notification row holds them. An erased customer (key destroyed) has no
 * address any more: nothing is sent.
 *
 * At least once: a crash (or an expired job) between the server accepting
 * the mail and mailed_at being written sends it again on retry. The
 * in-app notification itself is exactly once (DispatchNotification).
 * Throws: what deliverMail throws (OutboundUnavailable while the breaker
 * is open, OutboundTimeout, the transport's error): pg-boss retries with
 * backoff, then dead-letters.
 */
@inject()
export default class SendNotificationMail {
  constructor(private queries: NotificationQueries) {}

  async handle(payload: JobPayloads['mail.send']): Promise<SendResult> {
    const notification = await this.queries.find(payload.notificationId)
    if (!notification) return { sent: false, reason: 'missing' }
    if (notification.mailedAt) return { sent: false, reason: 'already_mailed' }
    const customer = await Customer.find(notification.customerId)
    if (!customer) return { sent: false, reason: 'missing' }
    if (customer.personalDataErased || !customer.email) return { sent: false, reason: 'erased' }

    const definition = isNotificationEvent(notification.event) ? eventDefinition(notification.event) : null
    const flags = { security: definition?.security ?? false, mandatory: definition?.mandatory ?? false }
    await deliverMail(new NotificationMail({ ...notification, ...flags }, { email: customer.email, fullName: customer.fullName }))
    await db.from('notifications').where('id', notification.id).whereNull('mailed_at').update({ mailed_at: new Date() })
    return { sent: true }
  }
}
