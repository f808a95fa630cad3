import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/** Wrong, reused or expired TOTP code, or an unknown / already used recovery code */
export default class InvalidSecondFactorException extends BackofficeAuthException {
  static status = 401
  static code = 'E_INVALID_SECOND_FACTOR'
  static title = 'Invalid verification code'
  redirectRoute = 'backoffice.two_factor.show' as const

  constructor(message = 'The verification code is incorrect or has already been used.') {
    super(message)
  }
}
