import type { HttpContext } from '@adonisjs/core/http'
import { DomainException } from '#exceptions/domain_exception'

/**
 * Base of the staff sign-in failures. Self-handled: browsers (and Inertia)
 * get the message flashed and are sent back to the step they came from;
 * JSON clients get application/problem+json with the status.
 */
export abstract class BackofficeAuthException extends DomainException {
  /** Route name the browser is sent back to */
  redirectRoute: 'backoffice.session.create' | 'backoffice.two_factor.show' =
    'backoffice.session.create'
  /** Seconds before a retry makes sense (429 / locked) */
  retryAfter?: number

  async handle(error: this, ctx: HttpContext) {
    const { request, response, session } = ctx
    const status = (error.constructor as typeof DomainException).status ?? error.status
    if (error.retryAfter) response.header('Retry-After', String(error.retryAfter))

    const wantsJson = !request.header('x-inertia') && request.accepts(['html', 'json']) === 'json'
    if (wantsJson) {
      return response
        .status(status)
        .header('Content-Type', 'application/problem+json')
        .send({
          type: 'about:blank',
          title: error.title,
          status,
          detail: error.message,
          code: error.code,
          request_id: request.id() ?? null,
        })
    }
    session.flash('error', error.message)
    return response.redirect().toRoute(error.redirectRoute)
  }
}
