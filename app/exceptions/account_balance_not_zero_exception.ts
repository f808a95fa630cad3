import { DomainException } from '#exceptions/domain_exception'

export default class AccountBalanceNotZeroException extends DomainException {
  static status = 422
  static code = 'E_ACCOUNT_BALANCE_NOT_ZERO'
  static title = 'Balance not zero'
  static message = 'The account can only be closed at a zero balance: move or pay out the remaining funds first.'
}
