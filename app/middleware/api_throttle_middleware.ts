import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { apiRequestLimiter, partnerRequestLimiters } from '#services/rate_limiting/api_request_limiter'
import type Partner from '#models/partner'
import TooManyRequestsException from '#exceptions/too_many_requests_exception'

/**
 * /api/v1 request limit (API_RATE_LIMIT_PER_MINUTE): `by: 'ip'` before
 * authentication, `by: 'token'` after it (per bearer token); a partner's
 * requests count per partner against its tier (PARTNER_RATE_LIMITS).
 */
export default class ApiThrottleMiddleware {
  handle(ctx: HttpContext, next: NextFn, options: { by: 'ip' | 'token' }) {
    const partner = options.by === 'token' ? ctx.partnerCaller?.partner : undefined
    if (partner) return this.partnerLimit(ctx, next, partner)
    const key =
      options.by === 'ip'
        ? `api_ip_${ctx.request.ip()}`
        : `api_token_${ctx.auth.use('api').user?.currentAccessToken.identifier}`
    const decision = apiRequestLimiter.hit(key)
    if (!decision.allowed) {
      throw new TooManyRequestsException(decision.retryAfter)
    }
    return next()
  }

  /**
   * A partner's limit by its tier, shared by all its tokens, announced in
   * the RateLimit-Policy / RateLimit headers (draft-ietf-httpapi-ratelimit-headers)
   */
  private partnerLimit(ctx: HttpContext, next: NextFn, partner: Partner) {
    const limiter = partnerRequestLimiters[partner.rateTier]
    const decision = limiter.hit(`api_partner_${partner.id}`)
    ctx.response.header('RateLimit-Policy', `"${partner.rateTier}";q=${limiter.limit};w=60`)
    if (!decision.allowed) {
      ctx.response.header('RateLimit', `"${partner.rateTier}";r=0;t=${decision.retryAfter}`)
      throw new TooManyRequestsException(decision.retryAfter)
    }
    ctx.response.header('RateLimit', `"${partner.rateTier}";r=${Math.max(0, decision.remaining)};t=${decision.resetIn || 60}`)
    return next()
  }
}
