import type { HttpContext } from '@adonisjs/core/http'
import { DomainException } from '#exceptions/domain_exception'

/**
 * RFC 9457 problem details for /api and /health: every failure becomes
 * `application/problem+json` with a stable `code` and a `type` URI derived
 * from it (E_INSUFFICIENT_FUNDS → https://strongroom.dev/problems/insufficient-funds).
 */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: Array<{ field?: string; message: string; rule?: string }>
  requestId?: string
}

export const PROBLEM_BASE_URI = 'https://strongroom.dev/problems/'
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

export function problemType(code: string): string {
  return PROBLEM_BASE_URI + code.replace(/^E_/, '').toLowerCase().replaceAll('_', '-')
}

/** Framework errors (by their `code`) mapped to our stable codes */
const KNOWN: Record<string, { status: number; code: string; title: string; detail?: string }> = {
  E_VALIDATION_ERROR: { status: 422, code: 'E_VALIDATION_ERROR', title: 'Invalid request', detail: 'The request has invalid fields.' },
  E_UNAUTHORIZED_ACCESS: { status: 401, code: 'E_UNAUTHORIZED', title: 'Unauthorized', detail: 'A valid bearer token is required.' },
  E_AUTHORIZATION_FAILURE: { status: 403, code: 'E_FORBIDDEN', title: 'Forbidden', detail: 'You are not allowed to perform this action.' },
  E_ROUTE_NOT_FOUND: { status: 404, code: 'E_ROUTE_NOT_FOUND', title: 'Route not found', detail: 'No route matches this method and path.' },
  E_ROW_NOT_FOUND: { status: 404, code: 'E_NOT_FOUND', title: 'Not found', detail: 'The resource does not exist.' },
  E_TOO_MANY_REQUESTS: { status: 429, code: 'E_TOO_MANY_REQUESTS', title: 'Too many requests', detail: 'Rate limit exceeded; retry later.' },
  E_REQUEST_ENTITY_TOO_LARGE: { status: 413, code: 'E_PAYLOAD_TOO_LARGE', title: 'Payload too large', detail: 'The request body is too large.' },
}

export function toProblem(error: any, ctx: HttpContext, exposeDetail: boolean): Problem {
  const problem = build(error, exposeDetail)
  const requestId = ctx.request.id()
  return { ...problem, type: problemType(problem.code), ...(requestId ? { requestId } : {}) }
}

function build(error: any, exposeDetail: boolean): Omit<Problem, 'type'> {
  if (error instanceof DomainException) {
    return {
      title: error.title,
      status: error.status,
      detail: error.message,
      code: error.code ?? 'E_DOMAIN',
      ...(error.extensions ?? {}),
      ...(error.errors ? { errors: error.errors } : {}),
    }
  }
  const known = typeof error?.code === 'string' ? KNOWN[error.code] : undefined
  if (known) {
    const problem: Omit<Problem, 'type'> = {
      title: known.title,
      status: known.status,
      detail: known.detail ?? String(error.message),
      code: known.code,
    }
    if (known.code === 'E_VALIDATION_ERROR' && Array.isArray(error.messages)) {
      problem.errors = error.messages.map((m: any) => ({ field: m.field, message: m.message, rule: m.rule }))
    }
    return problem
  }
  if (error instanceof SyntaxError && (error as any).status === 400) {
    return { title: 'Malformed request body', status: 400, detail: 'The request body is not valid JSON.', code: 'E_MALFORMED_BODY' }
  }
  const status = Number(error?.status)
  if (status >= 400 && status < 500) {
    return { title: 'Bad request', status, detail: String(error.message), code: 'E_BAD_REQUEST' }
  }
  return {
    title: 'Internal server error',
    status: 500,
    detail: exposeDetail ? String(error?.message ?? error) : 'An unexpected error occurred.',
    code: 'E_INTERNAL',
  }
}
