import { DomainException } from '#exceptions/domain_exception'

/** The partner already has a subscription for this callback URL (or, without one, a polling subscription) */
export default class EventSubscriptionExistsException extends DomainException {
  static status = 409
  static code = 'E_EVENT_SUBSCRIPTION_EXISTS'
  static title = 'Event subscription exists'
  static message = 'You already have an event subscription for this callback URL: change it with PATCH.'
}
