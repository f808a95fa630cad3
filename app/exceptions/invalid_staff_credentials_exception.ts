import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/** Unknown email, wrong password or deactivated staff account (indistinguishable on purpose) */
export default class InvalidStaffCredentialsException extends BackofficeAuthException {
  static status = 401
  static code = 'E_INVALID_CREDENTIALS'
  static title = 'Invalid credentials'

  constructor(message = 'The email or password is incorrect.') {
    super(message)
  }
}
