import { DomainException } from '#exceptions/domain_exception'

export default class AccountClosedException extends DomainException {
  static status = 422
  static code = 'E_ACCOUNT_CLOSED'
  static title = 'Account closed'
  static message = 'The account is closed.'
}
