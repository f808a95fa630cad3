import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isPartnerOrigin } from '#services/oauth/partner_origins'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** the request's Origin is one an active partner registered (config/cors.ts reads it) */
    partnerOriginAllowed?: boolean
  }
}

/**
 * Before the CORS middleware: looks up (cached) whether a cross-origin
 * request to /api comes from an origin a partner registered, so that CORS
 * answers exactly those origins (plus CORS_ALLOWED_ORIGINS).
 */
export default class PartnerCorsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const origin = ctx.request.header('origin')
    if (origin && ctx.request.url().startsWith('/api/')) {
      ctx.partnerOriginAllowed = await isPartnerOrigin(origin)
    }
    return next()
  }
}
