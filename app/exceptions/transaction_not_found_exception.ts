import { DomainException } from '#exceptions/domain_exception'

export default class TransactionNotFoundException extends DomainException {
  static status = 404
  static code = 'E_TRANSACTION_NOT_FOUND'
  static title = 'Transaction not found'
  static message = 'The transaction does not exist or is not visible to you.'
}
