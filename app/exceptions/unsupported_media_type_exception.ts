import type { HttpContext } from '@adonisjs/core/http'
import { DomainException } from '#exceptions/domain_exception'
import { PROBLEM_CONTENT_TYPE, toProblem } from '#exceptions/problem_details'

/**
 * A body type the route does not take (multipart/form-data anywhere but a
 * file upload route). The body is not read, nothing is written. /api gets
 * problem+json from the handler; elsewhere (thrown before the session
 * exists) it renders itself: problem+json for JSON clients, a short
 * plain-text 415 for browsers.
 */
export default class UnsupportedMediaTypeException extends DomainException {
  static status = 415
  static code = 'E_UNSUPPORTED_MEDIA_TYPE'
  static title = 'Unsupported media type'
  static message = 'This endpoint does not accept multipart/form-data; send JSON or a URL-encoded form.'

  async handle(error: UnsupportedMediaTypeException, ctx: HttpContext) {
    ctx.response.status(error.status)
    if (ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.header('Content-Type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(toProblem(error, ctx, false)))
    }
    return ctx.response
      .header('Content-Type', 'text/plain; charset=utf-8')
      .send(`415 Unsupported Media Type\n\n${error.message}\n`)
  }
}
