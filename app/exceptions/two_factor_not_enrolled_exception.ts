import { DomainException } from '#exceptions/domain_exception'

export default class TwoFactorNotEnrolledException extends DomainException {
  static status = 409
  static code = 'E_TWO_FACTOR_NOT_ENROLLED'
  static title = 'Two-factor not set up'
  static message = 'This staff member has no second factor to reset; they enrol at their next sign-in.'
}
