import env from '#start/env'

/**
 * Request and sign-in limits of the API (counters in the limiter's shared
 * store, config/limiter.ts). Read once at boot.
 *
 * - API_RATE_LIMIT_PER_MINUTE: /api/v1 requests per minute, per bearer token
 *   and per client IP (default 6000).
 * - AUTH_MAX_FAILURES_PER_EMAIL (default 5), AUTH_MAX_FAILURES_PER_IP
 *   (default 20): customer token requests per e-mail from one IP and per IP
 *   within 15 minutes, counted before the password is checked.
 */
const throttlesConfig = {
  apiRequestsPerMinute: env.get('API_RATE_LIMIT_PER_MINUTE', 6000),
  customerLoginPerEmailAndIp: env.get('AUTH_MAX_FAILURES_PER_EMAIL', 5),
  customerLoginPerIp: env.get('AUTH_MAX_FAILURES_PER_IP', 20),
}

export default throttlesConfig
