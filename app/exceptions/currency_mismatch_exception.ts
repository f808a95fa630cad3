import { DomainException } from '#exceptions/domain_exception'

export default class CurrencyMismatchException extends DomainException {
  static status = 422
  static code = 'E_CURRENCY_MISMATCH'
  static title = 'Currency mismatch'
  static message = 'The amount and the accounts must share one currency.'
}
