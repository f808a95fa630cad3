import { DomainException } from '#exceptions/domain_exception'

export default class HeldPaymentNotFoundException extends DomainException {
  static status = 404
  static code = 'E_HELD_PAYMENT_NOT_FOUND'
  static title = 'Held payment not found'
  static message = 'No payment held for review has this id.'
}
