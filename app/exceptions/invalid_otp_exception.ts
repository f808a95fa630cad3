import { DomainException } from '#exceptions/domain_exception'

/** Missing, wrong, expired or already used TOTP code */
export default class InvalidOtpException extends DomainException {
  static status = 401
  static code = 'E_INVALID_OTP'
  static title = 'Invalid one-time password'
  static message = 'The one-time password is missing, incorrect or already used.'
}
