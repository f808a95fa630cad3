import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { deprecationHeaders, deprecationOf } from '#domain/api/openapi/deprecations'

/**
 * Deprecation, Sunset and Link (rel="deprecation") headers on every
 * response of a route listed in DEPRECATED_OPERATIONS
 * (#domain/api/openapi/deprecations), set before the route runs so that
 * its problem responses carry them too. Other routes: nothing.
 */
export default class ApiDeprecationMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const deprecation = deprecationOf(ctx.route?.name)
    if (deprecation) {
      for (const [name, value] of Object.entries(deprecationHeaders(deprecation))) ctx.response.header(name, value)
    }
    return next()
  }
}
