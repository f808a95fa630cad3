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

/**
 * Log fields whose value is a secret as a whole: credentials, tokens,
 * one-time codes, OAuth artefacts, signed assertions, API keys and the
 * headers that carry them (Operations I). Matched by key name, in any
 * casing and at any depth of a logged object (`scrubSecrets`), so a
 * `headers` object, a request body or an error's details logged by
 * mistake never leak them; the value becomes "[redacted]".
 */
export const SECRET_FIELD_NAMES = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'dpop',
  'x-api-key',
  'api_key',
  'apikey',
  'password',
  'password_confirmation',
  'passwordConfirmation',
  'current_password',
  'currentPassword',
  'new_password',
  'newPassword',
  'token',
  'secret',
  'client_secret',
  'clientSecret',
  'totp',
  'totp_code',
  'totpCode',
  'totp_secret',
  'totpSecret',
  'otp',
  'recovery_code',
  'recoveryCode',
  'client_assertion',
  'clientAssertion',
  'refresh_token',
  'refreshToken',
  'access_token',
  'accessToken',
  'id_token',
  'code',
  'code_verifier',
  'codeVerifier',
  'metrics_token',
  'METRICS_TOKEN',
  'app_key',
  'APP_KEY',
  'private_key',
  'privateKey',
  'signing_key',
  'signingKey',
] as const

const SECRET_KEYS = new Set(SECRET_FIELD_NAMES.map((name) => name.toLowerCase()))

/** Keys holding URLs, redacted in part (their secret segments and query parameters only) */
const URL_KEYS = new Set(['url', 'link', 'href', 'location', 'url.original', 'url.full', 'url.path', 'url.query'])

/** Nesting followed by `scrubSecrets`: log objects are small; deeper values are left as they are */
const MAX_DEPTH = 6

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export function isSecretField(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase())
}

/**
 * `code` is an OAuth authorization code or a one-time code, unless it is
 * an error code (E_INSUFFICIENT_FUNDS, ECONNREFUSED, SQLSTATE 23505):
 * those stay readable, they are what an operator searches for.
 */
const ERROR_CODE = /^(?:[A-Z][A-Z0-9_]{2,}|[0-9A-Z]{5})$/
function isErrorCode(key: string, value: unknown): boolean {
  return key.toLowerCase() === 'code' && typeof value === 'string' && ERROR_CODE.test(value)
}

/**
 * A copy of a log object without secrets: every field named in
 * SECRET_FIELD_NAMES (any depth, plain objects and arrays) becomes
 * "[redacted]", URL fields go through `redactUrl`. Objects without
 * secrets come back as they are (no copy), and the caller's object is
 * never changed. Runs as pino's `formatters.log` on every line.
 */
export function scrubSecrets<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH) return value
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null
    value.forEach((item, index) => {
      const scrubbed = scrubSecrets(item, depth + 1)
      if (scrubbed !== item) (copy ??= [...value])[index] = scrubbed
    })
    return (copy ?? value) as T
  }
  if (!isPlainObject(value)) return value
  let copy: Record<string, unknown> | null = null
  for (const key of Object.keys(value)) {
    const item = value[key]
    let scrubbed: unknown
    if (item === undefined || item === null) continue
    if (isSecretField(key) && !isErrorCode(key, item)) scrubbed = REDACTED
    else if (URL_KEYS.has(key.toLowerCase())) scrubbed = censorUrl(item)
    else scrubbed = scrubSecrets(item, depth + 1)
    if (scrubbed !== item) (copy ??= { ...value })[key] = scrubbed
  }
  return (copy ?? value) as T
}

/**
 * pino `redact` paths: the same secrets where a serializer (req/res,
 * err) adds them after `formatters.log` ran. The censor below keeps the
 * URL fields' partial redaction.
 */
export const SECRET_LOG_PATHS = [
  ...URL_LOG_FIELDS,
  ...['req.headers', 'res.headers', 'headers', 'err.headers', 'err.config.headers'].flatMap((headers) =>
    ['.authorization', '.cookie', '["set-cookie"]', '.dpop', '["x-api-key"]'].map((name) => `${headers}${name}`)
  ),
  ...['password', 'token', 'secret', 'otp', 'totp', 'client_assertion', 'refresh_token', 'access_token'].flatMap(
    (name) => [name, `*.${name}`]
  ),
]

/** pino `redact.censor`: URL fields are redacted in part, every other path entirely */
export function censorLogValue(value: unknown, path: string[]): unknown {
  const last = path[path.length - 1] ?? ''
  return URL_KEYS.has(last.toLowerCase()) ? censorUrl(value) : REDACTED
}
