import { DomainException } from '#exceptions/domain_exception'

export default class InvalidAmountException extends DomainException {
  static status = 422
  static code = 'E_INVALID_AMOUNT'
  static title = 'Invalid amount'
  static message = 'The amount must be positive, in a supported currency, with at most its number of decimals.'
}
