import { DomainException } from '#exceptions/domain_exception'

export default class PaymentLimitsUnchangedException extends DomainException {
  static status = 422
  static code = 'E_PAYMENT_LIMITS_UNCHANGED'
  static title = 'Payment limits unchanged'
  static message = 'These are already the customer\'s payment limits.'
}
