import { DomainException } from '#exceptions/domain_exception'

/** Too many "forgot password" requests from this IP address */
export default class PasswordResetThrottledException extends DomainException {
  static status = 429
  static code = 'E_TOO_MANY_REQUESTS'
  static title = 'Too many requests'

  constructor(readonly retryAfter: number) {
    const minutes = Math.max(1, Math.ceil(retryAfter / 60))
    super(`Too many password reset requests from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`)
  }
}
