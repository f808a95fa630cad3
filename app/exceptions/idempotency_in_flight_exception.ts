import { DomainException } from '#exceptions/domain_exception'

export default class IdempotencyInFlightException extends DomainException {
  static status = 409
  static code = 'E_IDEMPOTENCY_IN_FLIGHT'
  static title = 'Request in progress'
  static message = 'A request with this idempotency key is still in progress.'
}
