import { DomainException } from '#exceptions/domain_exception'

/**
 * The circuit of an outbound destination (an SMTP server, a partner's
 * webhook endpoint) is open: the call was refused at once, without
 * touching the destination. Nothing was sent; a queue job that meets it
 * fails fast and pg-boss retries it later with backoff. `retryAt` is when
 * the circuit lets a trial call through again; `retryAfter` the same in
 * seconds from now (the Retry-After header if it ever reaches HTTP).
 */
export default class OutboundUnavailableException extends DomainException {
  static status = 503
  static code = 'E_OUTBOUND_UNAVAILABLE'
  static title = 'Service unavailable'

  readonly retryAfter: number

  constructor(
    readonly destination: string,
    readonly retryAt: Date
  ) {
    super(`${destination} is unavailable (circuit open); retry after ${retryAt.toISOString()}`)
    this.retryAfter = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000))
  }
}
