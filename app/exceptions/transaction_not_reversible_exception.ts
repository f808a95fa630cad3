import { DomainException } from '#exceptions/domain_exception'

export default class TransactionNotReversibleException extends DomainException {
  static status = 422
  static code = 'E_NOT_REVERSIBLE'
  static title = 'Not reversible'
  static message = 'A reversal cannot itself be reversed.'
}
