import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Customer bearer token (guard "api"); no session, no redirect. Failures
 * are E_UNAUTHORIZED_ACCESS, rendered as 401 problem+json.
 */
export default class ApiAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.authenticateUsing(['api'])
    return next()
  }
}
