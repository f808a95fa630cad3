import { DomainException } from '#exceptions/domain_exception'

export default class SameAccountException extends DomainException {
  static status = 422
  static code = 'E_SAME_ACCOUNT'
  static title = 'Same account'
  static message = 'The debtor and creditor accounts must differ.'
}
