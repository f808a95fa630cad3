import { DomainException } from '#exceptions/domain_exception'

export default class InsufficientFundsException extends DomainException {
  static status = 422
  static code = 'E_INSUFFICIENT_FUNDS'
  static title = 'Insufficient funds'
  static message = 'The account does not have enough available funds.'
}
