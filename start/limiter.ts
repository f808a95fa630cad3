/*
|--------------------------------------------------------------------------
| Rate limits (counters in the shared limiter store: PostgreSQL rate_limits)
|--------------------------------------------------------------------------
*/

import env from '#start/env'
import limiter from '@adonisjs/limiter/services/main'
import { BufferedRateLimiter } from '#services/api_rate_limiter'
import { LoginThrottle } from '#services/login_throttle'

export const throttle = limiter.define('global', () => {
  return limiter.allowRequests(10).every('1 minute')
})

/**
 * /api/v1 requests per minute, per bearer token and per client IP
 * (API_RATE_LIMIT_PER_MINUTE, default 6000). Batched counters, see
 * BufferedRateLimiter.
 */
const perMinute = env.get('API_RATE_LIMIT_PER_MINUTE', 6000)
export const apiRequestLimiter = new BufferedRateLimiter(
  limiter.use({ requests: perMinute, duration: '1 minute' }),
  perMinute
)

/**
 * Customer token issuance (POST /api/v1/auth/tokens): attempts counted
 * before the password is checked, per e-mail from one IP (hard limit
 * AUTH_MAX_FAILURES_PER_EMAIL), per IP (AUTH_MAX_FAILURES_PER_IP) and per
 * e-mail from everywhere (a back-off, not a lock), within 15 minutes.
 */
export const customerLoginThrottle = new LoginThrottle({
  prefix: 'auth',
  perAccountAndIp: env.get('AUTH_MAX_FAILURES_PER_EMAIL', 5),
  perIp: env.get('AUTH_MAX_FAILURES_PER_IP', 20),
  backoffAfter: env.get('LOGIN_BACKOFF_AFTER_FAILURES', 10),
  backoffSeconds: env.get('LOGIN_BACKOFF_SECONDS', 5),
  window: '15 minutes',
})
