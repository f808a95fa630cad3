import { BackofficeAuthException } from '#exceptions/backoffice_auth_exception'

/** Too many failed sign-in attempts on this staff account */
export default class StaffAccountLockedException extends BackofficeAuthException {
  static status = 423
  static code = 'E_ACCOUNT_LOCKED'
  static title = 'Account locked'

  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(
      `This account is locked after too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} or contact an administrator.`
    )
    this.retryAfter = retryAfterSeconds
  }
}
