import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { PROBLEM_CONTENT_TYPE, toProblem } from '#exceptions/problem_details'

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
   * Backoffice and other non-API requests: the framework default. HOOK for
   * the backoffice (flash messages + redirect back for DomainException,
   * Inertia error pages): override behaviour here, /api never reaches it.
   */
  protected async handleWebRequest(error: unknown, ctx: HttpContext) {
    return super.handle(error, ctx)
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
