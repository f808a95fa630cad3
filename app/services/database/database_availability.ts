import DatabaseUnavailableException from '#exceptions/database_unavailable_exception'

/**
 * SQLSTATEs of a server that is shutting down, restarting or refusing
 * sessions: admin_shutdown, crash_shutdown, cannot_connect_now,
 * too_many_connections and class 08 (connection exception).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006'])

/** Socket errors of the driver when the server is down or unreachable */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

/**
 * Messages of node-postgres and knex that carry no code: a connection that
 * died mid-query, a connect timeout (DB_CONNECT_TIMEOUT_MS: pg's "timeout
 * expired"), no pooled connection within DB_ACQUIRE_TIMEOUT_MS
 * (KnexTimeoutError).
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /^timeout expired$/,
  /connection error and is not queryable/i,
  /^Client was closed and is not queryable/,
  /timeout exceeded when trying to connect/i,
  /Timeout acquiring a connection/i,
]

/**
 * True when `error` (or its cause, or one error of an AggregateError) says
 * that PostgreSQL is unavailable, as opposed to a query that failed: the
 * request had no effect that the client can rely on and may be retried.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const err = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (err instanceof DatabaseUnavailableException) return true
  if (typeof err.code === 'string' && (UNAVAILABLE_SQLSTATES.has(err.code) || UNAVAILABLE_ERRNOS.has(err.code))) {
    return true
  }
  if (err.name === 'KnexTimeoutError') return true
  if (typeof err.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(err.message as string))) {
    return true
  }
  if (Array.isArray(err.errors) && err.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true
  return isDatabaseUnavailable(err.cause, depth + 1)
}

/** The 503 exception for an unavailable database, or the error unchanged */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableException || !isDatabaseUnavailable(error)) return error
  return new DatabaseUnavailableException(undefined, { cause: error })
}
