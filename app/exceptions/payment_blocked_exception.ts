import { DomainException } from '#exceptions/domain_exception'

/**
 * The risk rules refused a payment (a fraud typology reached its block
 * threshold). Nothing was booked or held; an alert went to compliance.
 * The reasons stay with the bank: telling them would teach the fraudster.
 */
export default class PaymentBlockedException extends DomainException {
  static status = 422
  static code = 'E_PAYMENT_BLOCKED'
  static title = 'Payment refused'
  static message = 'The bank refused this payment to protect the account. Contact the bank to continue.'
}
