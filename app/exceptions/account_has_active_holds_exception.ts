import { DomainException } from '#exceptions/domain_exception'

export default class AccountHasActiveHoldsException extends DomainException {
  static status = 422
  static code = 'E_ACCOUNT_HAS_ACTIVE_HOLDS'
  static title = 'Active holds'
  static message = 'The account has active holds: capture or release them before closing it.'
}
