import { DomainException } from '#exceptions/domain_exception'

export default class PaymentLimitsChangedMeanwhileException extends DomainException {
  static status = 409
  static code = 'E_PAYMENT_LIMITS_CHANGED_MEANWHILE'
  static title = 'Payment limits changed meanwhile'
  static message = "The customer's payment limits changed since this raise was requested; reject it and request again."
}
