import { DomainException } from '#exceptions/domain_exception'

/**
 * An outbound call (SMTP, webhook) did not finish within
 * OUTBOUND_TIMEOUT_MS and was abandoned. It counts as a failure of its
 * destination's circuit breaker; whether anything arrived is unknown, so
 * the job that made it retries (its handler is idempotent).
 */
export default class OutboundTimeoutException extends DomainException {
  static status = 504
  static code = 'E_OUTBOUND_TIMEOUT'
  static title = 'Gateway timeout'

  constructor(
    readonly destination: string,
    readonly timeoutMs: number
  ) {
    super(`${destination} did not answer within ${timeoutMs} ms`)
  }
}
