import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * API clients always get JSON: content negotiation of framework errors
 * (auth, bouncer) never falls back to HTML or redirects.
 */
export default class ForceJsonMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    ctx.request.request.headers.accept = 'application/json'
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return next()
  }
}
