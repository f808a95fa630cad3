import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/** The second factor was submitted without a live "password ok" step */
export default class SecondFactorSessionExpiredException extends BackofficeAuthException {
  static status = 401
  static code = 'E_SECOND_FACTOR_SESSION_EXPIRED'
  static title = 'Sign-in session expired'

  constructor() {
    super('Your sign-in session expired. Please enter your email and password again.')
  }
}
