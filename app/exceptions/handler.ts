import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { PROBLEM_CONTENT_TYPE, problemType, toProblem } from '#exceptions/problem_details'
import { DomainException } from '#exceptions/domain_exception'
import AuditTrail, { auditActor, auditContext } from '#services/audit/audit_trail'
import { redactUrl } from '#services/logging/log_redaction'
import { asDatabaseUnavailable } from '#services/database/database_availability'

/** Requests answered with RFC 9457 problem+json instead of the default (HTML/flash) rendering */
export function wantsProblemJson(ctx: HttpContext): boolean {
  const url = ctx.request.url()
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/health')
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Client errors are in the access log line already; only 5xx get a report */
  protected ignoreStatuses = [400, 401, 403, 404, 405, 409, 413, 415, 422, 423, 429]

  async handle(error: unknown, ctx: HttpContext) {
    /* PostgreSQL down or restarting: 503 E_DATABASE_UNAVAILABLE with Retry-After, never a 500 */
    error = asDatabaseUnavailable(error)
    if (wantsProblemJson(ctx)) {
      return this.renderProblem(error, ctx)
    }
    return this.handleWebRequest(error, ctx)
  }

  /**
   * Backoffice requests. A form that fails a domain rule (insufficient
   * funds, already decided ...) goes back with the message flashed and
   * its input kept; a refused permission is a 403 page (and an audit row);
   * a missing record or route is a 404 page. Validation errors keep the
   * framework's redirect-back with field errors.
   */
  protected async handleWebRequest(error: unknown, ctx: HttpContext) {
    const err = error as any
    if (err?.code === 'E_BAD_CSRF_TOKEN') return this.renderCsrfFailure(ctx)
    /* the backoffice and the customers' consent page: flash messages and error pages, not problem+json */
    const url = ctx.request.url()
    const isBackoffice = (url.startsWith('/backoffice') || url.startsWith('/consent/')) && 'session' in ctx
    const selfHandled = typeof err?.handle === 'function' && err?.code !== 'E_AUTHORIZATION_FAILURE'
    if (isBackoffice && err?.code === 'E_VALIDATION_ERROR' && Array.isArray(err.messages)) {
      return this.renderBackofficeValidation(err, ctx)
    }
    if (!isBackoffice || selfHandled || err?.code === 'E_VALIDATION_ERROR') {
      return super.handle(error, ctx)
    }

    if (err?.code === 'E_AUTHORIZATION_FAILURE') {
      await this.auditDenied(ctx)
      return this.renderErrorPage(ctx, 403, 'Not allowed', err.response?.message ?? 'Your role does not allow this action.')
    }
    if (error instanceof DomainException && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'password_confirmation', 'passwordConfirmation', 'otp'])
      ctx.session.flash('error', error.message)
      return ctx.response.redirect('back', true)
    }
    if (error instanceof DomainException) {
      return this.renderErrorPage(ctx, error.status, error.title, error.message)
    }
    if (err?.code === 'E_ROW_NOT_FOUND' || err?.code === 'E_ROUTE_NOT_FOUND') {
      return this.renderErrorPage(ctx, 404, 'Not found', 'This page or record does not exist.')
    }
    return super.handle(error, ctx)
  }

  /**
   * Invalid input in the backoffice. JSON clients: 422 problem+json with
   * errors[]. A page read (GET: filters in the query string) has no form to
   * go back to: 422 error page naming the fields. A form post keeps the
   * Inertia convention: redirect back with the field errors in the session.
   */
  protected async renderBackofficeValidation(error: { messages: Array<{ field: string; message: string }> }, ctx: HttpContext) {
    if (!ctx.request.header('x-inertia') && ctx.request.accepts(['html', 'json']) === 'json') {
      return this.renderProblem(error, ctx)
    }
    if (['GET', 'HEAD'].includes(ctx.request.method())) {
      const fields = error.messages.map((m) => `${m.field}: ${m.message}`).join('; ')
      return this.renderErrorPage(ctx, 422, 'Invalid request', `This page was asked for with invalid parameters (${fields}).`)
    }
    return super.handle(error, ctx)
  }

  /**
   * A missing or stale CSRF token: 403, never a redirect. JSON clients get
   * problem+json (E_BAD_CSRF_TOKEN); browsers the error page (Shield throws
   * before the Inertia middleware ran, so it is initialised here).
   */
  protected async renderCsrfFailure(ctx: HttpContext) {
    const message = 'This form has expired or did not come from this site. Reload the page and try again.'
    if (!ctx.request.header('x-inertia') && ctx.request.accepts(['html', 'json']) === 'json') {
      const problem = toProblem(Object.assign(new Error(message), { status: 403 }), ctx, false)
      ctx.response.header('Content-Type', PROBLEM_CONTENT_TYPE).status(403)
      return ctx.response.send(JSON.stringify({ ...problem, title: 'Invalid CSRF token', code: 'E_BAD_CSRF_TOKEN', type: problemType('E_BAD_CSRF_TOKEN') }))
    }
    if (!('inertia' in ctx) || !ctx.inertia) {
      const { default: InertiaMiddleware } = await import('#middleware/inertia_middleware')
      await new InertiaMiddleware().init(ctx)
    }
    return this.renderErrorPage(ctx, 403, 'Session expired', message)
  }

  protected async renderErrorPage(ctx: HttpContext, status: number, title: string, message: string) {
    ctx.response.status(status)
    if (!ctx.request.header('x-inertia') && ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.header('Content-Type', PROBLEM_CONTENT_TYPE).send(
        JSON.stringify({ ...toProblem(Object.assign(new Error(message), { status }), ctx, false), title, status })
      )
    }
    const page = await ctx.inertia.render('backoffice/errors/error', { status, title, message })
    return ctx.response.status(status).send(page)
  }

  /** A refused backoffice action is itself evidence: one audit row, outside any transaction */
  protected async auditDenied(ctx: HttpContext) {
    await AuditTrail.record({
      actor: auditActor(ctx),
      action: 'authorization.denied',
      subject: { type: 'route', id: ctx.route?.name ?? redactUrl(ctx.request.url()) },
      metadata: { method: ctx.request.method(), url: redactUrl(ctx.request.url()) },
      ...auditContext(ctx),
    }).catch(() => {})
  }

  protected renderProblem(error: unknown, ctx: HttpContext) {
    const problem = toProblem(error, ctx, !app.inProduction)
    const err = error as any
    if (problem.status === 429 && typeof err?.getDefaultHeaders === 'function') {
      const headers = err.headers ?? err.getDefaultHeaders()
      for (const [name, value] of Object.entries(headers)) ctx.response.header(name, String(value))
    } else if ((problem.status === 429 || problem.status === 503) && err?.retryAfter) {
      ctx.response.header('Retry-After', String(err.retryAfter))
    }
    ctx.response.header('Content-Type', PROBLEM_CONTENT_TYPE)
    ctx.response.status(problem.status).send(JSON.stringify(problem))
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
