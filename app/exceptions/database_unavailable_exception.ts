import { DomainException } from '#exceptions/domain_exception'

/**
 * PostgreSQL cannot be reached or is restarting (connection refused or
 * timed out, the server shut the session down, no pooled connection within
 * DB_ACQUIRE_TIMEOUT_MS). Nothing was decided: the client retries the same
 * request (with the same Idempotency-Key) after `retryAfter` seconds.
 */
export default class DatabaseUnavailableException extends DomainException {
  static status = 503
  static code = 'E_DATABASE_UNAVAILABLE'
  static title = 'Service unavailable'
  static message = 'The database is unavailable; retry the same request later.'

  /** Seconds, sent as the Retry-After header */
  readonly retryAfter = 1
}
