import { DomainException } from '#exceptions/domain_exception'

export default class HeldPaymentSettledException extends DomainException {
  static status = 422
  static code = 'E_HELD_PAYMENT_SETTLED'
  static title = 'Held payment already settled'
  static message = 'This held payment was already captured or released.'
}
