import { DomainException } from '#exceptions/domain_exception'

/** Unknown e-mail and wrong password get the same answer */
export default class InvalidCredentialsException extends DomainException {
  static status = 401
  static code = 'E_INVALID_CREDENTIALS'
  static title = 'Invalid credentials'
  static message = 'The e-mail address or password is incorrect.'
}
