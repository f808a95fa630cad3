import { DomainException } from '#exceptions/domain_exception'

/**
 * Unknown e-mail, wrong password, missing or wrong one-time code: one
 * answer for all, so it never confirms that a password was right
 */
export default class InvalidCredentialsException extends DomainException {
  static status = 401
  static code = 'E_INVALID_CREDENTIALS'
  static title = 'Invalid credentials'
  static message = 'The e-mail address, password or one-time code is incorrect.'
}
