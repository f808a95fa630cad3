import { DomainException } from '#exceptions/domain_exception'

export default class AccountNotFrozenException extends DomainException {
  static status = 422
  static code = 'E_ACCOUNT_NOT_FROZEN'
  static title = 'Account not frozen'
  static message = 'Only a frozen account can be unfrozen.'
}
