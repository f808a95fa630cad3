import limiter from '@adonisjs/limiter/services/main'
import throttlesConfig from '#config/throttles'
import { BufferedRateLimiter } from '#services/rate_limiting/api_rate_limiter'

/**
 * /api/v1 requests per minute, per bearer token and per client IP
 * (API_RATE_LIMIT_PER_MINUTE, default 6000). Batched counters, see
 * BufferedRateLimiter.
 */
const perMinute = throttlesConfig.apiRequestsPerMinute

export const apiRequestLimiter = new BufferedRateLimiter(
  limiter.use({ requests: perMinute, duration: '1 minute' }),
  perMinute
)
