import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/** Too many failed sign-in attempts from this IP address */
export default class StaffLoginThrottledException extends BackofficeAuthException {
  static status = 429
  static code = 'E_TOO_MANY_REQUESTS'
  static title = 'Too many sign-in attempts'

  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(
      `Too many failed sign-in attempts from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
    )
    this.retryAfter = retryAfterSeconds
  }
}
