import type { HttpContext } from '@adonisjs/core/http'
import { DomainException } from '#exceptions/domain_exception'
import { PROBLEM_CONTENT_TYPE, toProblem } from '#exceptions/problem_details'
import { OVERLOAD_RETRY_AFTER_SECONDS, type OverloadReason } from '#services/http/overload_guard'

/**
 * This web process is at capacity (app/services/http/overload_guard.ts):
 * the request was refused before any of it ran, so nothing was read,
 * decided or written; the client retries the same request (same
 * Idempotency-Key) after `retryAfter` seconds, here or on another
 * instance. /api gets problem+json from the handler; elsewhere (thrown by
 * a server middleware, before the session exists) it renders itself:
 * problem+json for JSON clients, a short plain-text 503 for browsers.
 */
export default class OverloadedException extends DomainException {
  static status = 503
  static code = 'E_OVERLOADED'
  static title = 'Service overloaded'
  static message = 'The server is busy; retry the same request later.'

  /** Seconds, sent as the Retry-After header */
  readonly retryAfter = OVERLOAD_RETRY_AFTER_SECONDS

  constructor(readonly reason: OverloadReason) {
    super()
  }

  async handle(error: OverloadedException, ctx: HttpContext) {
    ctx.response.status(error.status).header('Retry-After', String(error.retryAfter))
    if (!ctx.request.header('x-inertia') && ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.header('Content-Type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(toProblem(error, ctx, false)))
    }
    return ctx.response
      .header('Content-Type', 'text/plain; charset=utf-8')
      .send(`503 Service Unavailable\n\n${error.message}\n`)
  }

  /**
   * Not logged as an error with a stack: under a flood that would be one
   * per refused request. The access line (status 503) and
   * strongroom_http_requests_shed_total{reason} already record it.
   */
  report() {}
}
