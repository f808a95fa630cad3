import { DomainException } from '#exceptions/domain_exception'

/** A rate limit was exceeded; `retryAfter` (seconds) becomes the Retry-After header */
export default class TooManyRequestsException extends DomainException {
  static status = 429
  static code = 'E_TOO_MANY_REQUESTS'
  static title = 'Too many requests'
  static message = 'Rate limit exceeded; retry later.'

  constructor(
    readonly retryAfter: number,
    message?: string
  ) {
    super(message)
  }
}
