import { DomainException } from '#exceptions/domain_exception'

/**
 * A customer payment above the single-payment limit or beyond what is left
 * of the day's total (per currency, UTC day). The problem names the limit
 * and what remains: `limit: { kind, limit, remaining }`.
 */
export default class LimitExceededException extends DomainException {
  static status = 422
  static code = 'E_LIMIT_EXCEEDED'
  static title = 'Payment limit exceeded'
  static message = 'This payment exceeds a payment limit.'
}
