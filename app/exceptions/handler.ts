import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { PROBLEM_CONTENT_TYPE, toProblem } from '#exceptions/problem_details'
import { DomainException } from '#exceptions/domain_exception'
import AuditTrail, { auditActor, auditContext } from '#services/audit_trail'

/** Requests answered with RFC 9457 problem+json instead of the default (HTML/flash) rendering */
export function wantsProblemJson(ctx: HttpContext): boolean {
  const url = ctx.request.url()
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/health')
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Client errors are in the access log line already; only 5xx get a report */
  protected ignoreStatuses = [400, 401, 403, 404, 405, 409, 413, 422, 423, 429]

  async handle(error: unknown, ctx: HttpContext) {
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
    const isBackoffice = ctx.request.url().startsWith('/backoffice') && 'session' in ctx
    const selfHandled = typeof err?.handle === 'function' && err?.code !== 'E_AUTHORIZATION_FAILURE'
    if (!isBackoffice || selfHandled || err?.code === 'E_VALIDATION_ERROR') {
      return super.handle(error, ctx)
    }

    if (err?.code === 'E_AUTHORIZATION_FAILURE') {
      await this.auditDenied(ctx)
      return this.renderErrorPage(ctx, 403, 'Not allowed', err.response?.message ?? 'Your role does not allow this action.')
    }
    if (error instanceof DomainException && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'password_confirmation', 'passwordConfirmation'])
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
      subject: { type: 'route', id: ctx.route?.name ?? ctx.request.url() },
      metadata: { method: ctx.request.method(), url: ctx.request.url() },
      ...auditContext(ctx),
    }).catch(() => {})
  }

  protected renderProblem(error: unknown, ctx: HttpContext) {
    const problem = toProblem(error, ctx, !app.inProduction)
    const err = error as any
    if (problem.status === 429 && typeof err?.getDefaultHeaders === 'function') {
      const headers = err.headers ?? err.getDefaultHeaders()
      for (const [name, value] of Object.entries(headers)) ctx.response.header(name, String(value))
    } else if (problem.status === 429 && err?.retryAfter) {
      ctx.response.header('Retry-After', String(err.retryAfter))
    }
    ctx.response.header('Content-Type', PROBLEM_CONTENT_TYPE)
    ctx.response.status(problem.status).send(JSON.stringify(problem))
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
