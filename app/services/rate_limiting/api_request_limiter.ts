import limiter from '@adonisjs/limiter/services/main'
import throttlesConfig, { type PartnerTier } from '#config/throttles'
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

/** One limit per partner (all its tokens), by the partner's rate-limit tier (PARTNER_RATE_LIMITS) */
export const partnerRequestLimiters = Object.fromEntries(
  Object.entries(throttlesConfig.partnerRequestsPerMinute).map(([tier, limit]) => [
    tier,
    new BufferedRateLimiter(limiter.use({ requests: limit, duration: '1 minute' }), limit),
  ])
) as Record<PartnerTier, BufferedRateLimiter>
