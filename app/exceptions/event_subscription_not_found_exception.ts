import { DomainException } from '#exceptions/domain_exception'

/** No such event subscription of this partner: existence never leaks */
export default class EventSubscriptionNotFoundException extends DomainException {
  static status = 404
  static code = 'E_EVENT_SUBSCRIPTION_NOT_FOUND'
  static title = 'Event subscription not found'
  static message = 'The event subscription does not exist or is not yours.'
}
