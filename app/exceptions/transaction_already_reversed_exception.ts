import { DomainException } from '#exceptions/domain_exception'

export default class TransactionAlreadyReversedException extends DomainException {
  static status = 409
  static code = 'E_ALREADY_REVERSED'
  static title = 'Already reversed'
  static message = 'The transaction has already been reversed.'
}
