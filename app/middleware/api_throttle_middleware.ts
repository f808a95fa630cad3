import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { apiRequestLimiter } from '#services/rate_limiting/api_request_limiter'
import TooManyRequestsException from '#exceptions/too_many_requests_exception'

/**
 * /api/v1 request limit (API_RATE_LIMIT_PER_MINUTE): `by: 'ip'` before
 * authentication, `by: 'token'` after it (per bearer token; per partner
 * for a partner's tokens).
 */
export default class ApiThrottleMiddleware {
  handle(ctx: HttpContext, next: NextFn, options: { by: 'ip' | 'token' }) {
    const key =
      options.by === 'ip'
        ? `api_ip_${ctx.request.ip()}`
        : ctx.partnerCaller
          ? `api_partner_${ctx.partnerCaller.partner.id}`
          : `api_token_${ctx.auth.use('api').user?.currentAccessToken.identifier}`
    const decision = apiRequestLimiter.hit(key)
    if (!decision.allowed) {
      throw new TooManyRequestsException(decision.retryAfter)
    }
    return next()
  }
}
