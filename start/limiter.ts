/*
|--------------------------------------------------------------------------
| Rate limits (counters in the shared limiter store: PostgreSQL rate_limits)
|--------------------------------------------------------------------------
*/

import env from '#start/env'
import limiter from '@adonisjs/limiter/services/main'
import { BufferedRateLimiter } from '#services/api_rate_limiter'

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
 * Customer token issuance (POST /api/v1/auth/tokens): failed attempts per
 * e-mail address and per IP within 15 minutes, counted exactly.
 */
export const tokenFailuresPerEmail = limiter.use({
  requests: env.get('AUTH_MAX_FAILURES_PER_EMAIL', 5),
  duration: '15 minutes',
})
export const tokenFailuresPerIp = limiter.use({
  requests: env.get('AUTH_MAX_FAILURES_PER_IP', 20),
  duration: '15 minutes',
})
