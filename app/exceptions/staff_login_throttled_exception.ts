import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/**
 * Too many sign-in attempts: for this e-mail from this IP, from this IP,
 * or (a few seconds only) on this account from everywhere
 */
export default class StaffLoginThrottledException extends BackofficeAuthException {
  static status = 429
  static code = 'E_TOO_MANY_REQUESTS'
  static title = 'Too many sign-in attempts'

  constructor(retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60)
    const wait =
      retryAfterSeconds < 60
        ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
        : `${minutes} minute${minutes === 1 ? '' : 's'}`
    super(`Too many failed sign-in attempts. Try again in ${wait}.`)
    this.retryAfter = retryAfterSeconds
  }
}
