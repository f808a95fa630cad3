import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import jobQueue from '#services/queue/job_queue'
import {
  InvalidNotificationDataError,
  checkEventData,
  type NotificationData,
  type NotificationEvent,
} from '#domain/notifications/events'

export interface NotifyCustomerInput<E extends NotificationEvent> {
  /** The transaction of the change the customer is told about */
  trx: TransactionClientContract
  customerId: number
  event: E
  /**
   * Unique per customer and event for one occurrence (the posting's, hold's
   * or audit row's id): a second call with the same key notifies nothing more
   */
  dedupeKey: string
  /** The event's fields (app/domain/notifications/events.ts), strings only */
  data: NotificationData<E>
}

/**
 * What producers call to tell a customer about a change, INSIDE the
 * change's transaction: enqueues one 'notifications.dispatch' job there
 * (transactional outbox), so a rolled-back change tells nobody and a
 * committed one is delivered at least once; DispatchNotification makes
 * it happen once. Returns the job id.
 * Throws: InvalidNotificationDataError (unknown event, a missing, extra or
 * malformed field: a producer bug, refused before anything is enqueued).
 */
export default class NotifyCustomer {
  async handle<E extends NotificationEvent>(input: NotifyCustomerInput<E>): Promise<string> {
    const data = input.data as Record<string, string>
    const problems = checkEventData(input.event, data)
    if (!/^[\x21-\x7e]{1,200}$/.test(input.dedupeKey)) problems.push('dedupeKey must be 1 to 200 printable ASCII characters')
    if (problems.length) throw new InvalidNotificationDataError(input.event, problems)
    return jobQueue.enqueue(input.trx, 'notifications.dispatch', {
      customerId: input.customerId,
      event: input.event,
      dedupeKey: input.dedupeKey,
      data: { ...data },
    })
  }
}
