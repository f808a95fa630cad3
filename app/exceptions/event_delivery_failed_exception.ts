import { DomainException } from '#exceptions/domain_exception'

/**
 * A partner's callback did not take an event (5xx, 429, no answer, or its
 * circuit is open): the 'openbanking.deliver_event' job fails this
 * attempt and pg-boss retries it with backoff, then dead-letters it. The
 * attempt is in the delivery log; the event stays pollable meanwhile.
 */
export default class EventDeliveryFailedException extends DomainException {
  static status = 502
  static code = 'E_EVENT_DELIVERY_FAILED'
  static title = 'Event delivery failed'

  constructor(
    readonly callbackUrl: string,
    readonly reason: string
  ) {
    super(`event not delivered to ${callbackUrl}: ${reason}`)
  }
}
