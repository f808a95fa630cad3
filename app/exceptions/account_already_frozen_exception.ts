import { DomainException } from '#exceptions/domain_exception'

export default class AccountAlreadyFrozenException extends DomainException {
  static status = 422
  static code = 'E_ACCOUNT_ALREADY_FROZEN'
  static title = 'Account already frozen'
  static message = 'The account is already frozen.'
}
