import { DomainException } from '#exceptions/domain_exception'

export default class InvalidAccountNumberException extends DomainException {
  static status = 422
  static code = 'E_INVALID_ACCOUNT_NUMBER'
  static title = 'Invalid account number'
  static message = "An account number is 'SR' followed by 10 digits, the last a Luhn check digit."
}
