import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import jobQueue from '#services/queue/job_queue'
import NotificationQueries from '#queries/notifications/notification_queries'
import type { JobPayloads } from '#services/queue/job_payloads'
import { notificationText, type NotificationEvent } from '#domain/notifications/events'
import { channelsFor } from '#domain/notifications/preferences'

export interface DispatchResult {
  /** The notification written by this run; null when an earlier delivery of the job wrote it */
  notificationId: number | null
  mailQueued: boolean
}

/** The stored dedupe key: the producer's key is unique per customer and event */
export function storedDedupeKey(payload: { customerId: number; event: string; dedupeKey: string }): string {
  return `${payload.customerId}:${payload.event}:${payload.dedupeKey}`
}

/**
 * Job handler of 'notifications.dispatch' (start/jobs.ts). In ONE
 * transaction: inserts the notification (ON CONFLICT (dedupe_key) DO
 * NOTHING: a re-delivered or duplicated job creates nothing twice, a
 * concurrent twin waits on the unique index and then does nothing) and,
 * only when this run inserted it and the customer's preferences allow
 * mail for the event (security notices always), enqueues its 'mail.send'
 * job in the same transaction. The in-app notification is exactly once.
 * The row is written even when the in-app channel is off (`in_app`
 * false, hidden from the API): the mail is built from it.
 * Throws: InvalidNotificationDataError (bad payload: the job fails and
 * ends in the dead-letter queue).
 */
@inject()
export default class DispatchNotification {
  constructor(private queries: NotificationQueries) {}

  async handle(payload: JobPayloads['notifications.dispatch']): Promise<DispatchResult> {
    const text = notificationText(payload.event, payload.data)
    return db.transaction(async (trx) => {
      const channels = channelsFor(payload.event as NotificationEvent, await this.queries.choices(payload.customerId, trx))
      const { rows } = await trx.rawQuery(
        `insert into notifications (customer_id, event, title, body, data, dedupe_key, in_app)
         values (?, ?, ?, ?, ?::jsonb, ?, ?)
         on conflict (dedupe_key) do nothing
         returning id`,
        [payload.customerId, payload.event, text.title, text.body, JSON.stringify(payload.data), storedDedupeKey(payload), channels.in_app]
      )
      if (rows.length === 0) return { notificationId: null, mailQueued: false }
      const notificationId = Number(rows[0].id)
      if (channels.mail) await jobQueue.enqueue(trx, 'mail.send', { notificationId })
      return { notificationId, mailQueued: channels.mail }
    })
  }
}
