import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import UnsupportedMediaTypeException from '#exceptions/unsupported_media_type_exception'

/**
 * The only routes that take multipart/form-data (by route name). Each one
 * reads the body itself with #services/http/multipart_upload after its
 * authentication, CSRF and authorization checks.
 */
export const MULTIPART_ROUTES: ReadonlySet<string> = new Set([
  'backoffice.customers.documents.store',
  'backoffice.loans.documents.store',
  'api.v1.loan_applications.documents.store',
])

/**
 * Runs right after the bodyparser, which never parses multipart
 * (config/bodyparser.ts, autoProcess: false): a multipart request to any
 * other route is refused with 415 before the session, CSRF or anything
 * else runs, and its body is never read (so nothing is written to disk).
 */
export default class MultipartGuardMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.bodyType === 'multipart' && !MULTIPART_ROUTES.has(ctx.route?.name ?? '')) {
      throw new UnsupportedMediaTypeException()
    }
    return next()
  }
}
