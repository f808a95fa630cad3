/**
 * Secrets that travel in URLs must never reach a log line (security
 * review, finding 9): the single-use "set your password" links of the
 * password reset and the staff invitation carry their token in the path.
 * `redactUrl` replaces the secret part with "[redacted]" in a path, an
 * absolute URL or any text containing one; the access log line
 * (RequestIdMiddleware), the development mail-link line, the audit row of
 * a refused route, and every log field named `url`/`link` (pino `redact`
 * in config/logger.ts) go through it.
 */
export const REDACTED = '[redacted]'

/** Route prefixes whose next path segment is a secret (start/routes/backoffice/profile.ts) */
export const SECRET_PATH_PREFIXES = ['/backoffice/reset-password/'] as const

/** Query parameters that carry secrets (OAuth codes and tokens, signed URLs, future links) */
export const SECRET_QUERY_PARAMS = [
  'token',
  'code',
  'password',
  'secret',
  'client_secret',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token_hint',
  'signature',
] as const

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

const PATH_PATTERN = new RegExp(`(${SECRET_PATH_PREFIXES.map(escape).join('|')})[^/?#\\s"'<>]+`, 'gi')
const QUERY_PATTERN = new RegExp(`([?&](?:${SECRET_QUERY_PARAMS.map(escape).join('|')})=)[^&#\\s"'<>]*`, 'gi')

export function redactUrl(text: string): string {
  return text.replace(PATH_PATTERN, `$1${REDACTED}`).replace(QUERY_PATTERN, `$1${REDACTED}`)
}

/** pino `redact` censor: strings are redacted, anything else passes unchanged */
export function censorUrl(value: unknown): unknown {
  return typeof value === 'string' ? redactUrl(value) : value
}

/** The log fields that may hold a URL, for pino's `redact.paths` */
export const URL_LOG_FIELDS = ['url', 'link', 'href', 'location', 'req.url', '*.url', '*.link']
