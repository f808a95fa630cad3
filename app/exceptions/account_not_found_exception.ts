import { DomainException } from '#exceptions/domain_exception'

export default class AccountNotFoundException extends DomainException {
  static status = 404
  static code = 'E_ACCOUNT_NOT_FOUND'
  static title = 'Account not found'
  static message = 'The account does not exist or is not yours.'
}
