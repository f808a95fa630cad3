import type { QueueName } from '#config/queue'

/**
 * What each queue's jobs carry: identifiers, never personal data or
 * amounts that the handler can read from the database itself (a job row is
 * kept for days; the source of truth stays in its module's tables).
 */
export interface JobPayloads extends Record<QueueName, object> {
  /**
   * A posting that committed: by its idempotency key (scope = the caller,
   * as in idempotency_keys); a hold settled, or a reversal without a key
   */
  'ledger.posted': { scope: string; key: string } | { holdId: number } | { reversalOf: number }
  /**
   * One event for one customer (NotifyCustomer enqueues it). `dedupeKey` is unique per customer and
   * event (e.g. the posting's or audit row's id): the in-app notification and the mail happen once.
   * `data`: the event's fields only (app/domain/notifications/events.ts), strings, no names or e-mails.
   */
  'notifications.dispatch': { customerId: number; event: string; dedupeKey: string; data: Record<string, string> }
  /** One mail of a notification (its id), sent once */
  'mail.send': { notificationId: number }
  /** The slower risk rules over one event */
  'risk.score': { event: string; subjectId: string }
  /** One partner event (openbanking_events.id) to one of the partner's subscriptions (its callback) */
  'openbanking.deliver_event': { eventId: number; subscriptionId: string }
  'maintenance.prune': Record<string, never>
  /** Collect the loans due by a business date (default: the day the job runs, UTC) */
  'loans.collect': { businessDate?: string }
  /** Execute the erasure requests due now (`privacy:erase-due`) */
  'privacy.erase_due': Record<string, never>
}
