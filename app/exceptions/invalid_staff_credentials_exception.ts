import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/**
 * The sign-in failed: unknown email, wrong password, deactivated account,
 * wrong or used code. One answer for all, given at the code step, so it
 * never tells which part was wrong (AttemptStaffPassword)
 */
export default class InvalidStaffCredentialsException extends BackofficeAuthException {
  static status = 401
  static code = 'E_INVALID_CREDENTIALS'
  static title = 'Invalid credentials'

  constructor(message = 'The email, password or verification code is incorrect. Please sign in again.') {
    super(message)
  }
}
