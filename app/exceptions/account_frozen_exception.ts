import { DomainException } from '#exceptions/domain_exception'

export default class AccountFrozenException extends DomainException {
  static status = 422
  static code = 'E_ACCOUNT_FROZEN'
  static title = 'Account frozen'
  static message = 'The account is frozen and cannot be debited.'
}
