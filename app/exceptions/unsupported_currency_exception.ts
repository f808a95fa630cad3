import { DomainException } from '#exceptions/domain_exception'

export default class UnsupportedCurrencyException extends DomainException {
  static status = 422
  static code = 'E_UNSUPPORTED_CURRENCY'
  static title = 'Unsupported currency'
  static message = 'The currency is not supported.'
}
