import { DomainException } from '#exceptions/domain_exception'

export default class IdempotencyKeyReusedException extends DomainException {
  static status = 422
  static code = 'E_IDEMPOTENCY_KEY_REUSED'
  static title = 'Idempotency key reused'
  static message = 'This idempotency key was already used with a different request.'
}
