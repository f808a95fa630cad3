import { PROBLEM_BASE_URI } from '#exceptions/problem_details'
import TooManyRequestsException from '#exceptions/too_many_requests_exception'
import DatabaseUnavailableException from '#exceptions/database_unavailable_exception'
import OverloadedException from '#exceptions/overloaded_exception'
import UnsupportedMediaTypeException from '#exceptions/unsupported_media_type_exception'
import { PROBLEM_EXTENSIONS, headerRef, schemaRef } from '#domain/api/openapi/components'
import type { Header, Reference, Response, Schema } from '#domain/api/openapi/types'

/**
 * Problem responses (RFC 9457, `application/problem+json`). An operation
 * lists the failures it can answer as exception classes (their static
 * `status`, `code`, `title` are the source of truth) or as the framework
 * failures below; one response per status lists its codes in `code.enum`,
 * so the contract test fails on a code the document does not name.
 */
export interface ProblemSource {
  readonly status: number
  readonly code: string
  readonly title: string
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/* Framework failures, as #exceptions/problem_details maps them (its KNOWN table) */
export const VALIDATION_FAILED: ProblemSource = { status: 422, code: 'E_VALIDATION_ERROR', title: 'Invalid request' }
export const UNAUTHORIZED: ProblemSource = { status: 401, code: 'E_UNAUTHORIZED', title: 'Unauthorized' }
export const MALFORMED_BODY: ProblemSource = { status: 400, code: 'E_MALFORMED_BODY', title: 'Malformed request body' }
export const PAYLOAD_TOO_LARGE: ProblemSource = { status: 413, code: 'E_PAYLOAD_TOO_LARGE', title: 'Payload too large' }
export const INTERNAL_ERROR: ProblemSource = { status: 500, code: 'E_INTERNAL', title: 'Internal server error' }
/** A JSON body that is a scalar (`"x"`, `42`): the body parser's 422, mapped to the generic code */
export const BODY_NOT_AN_OBJECT: ProblemSource = { status: 422, code: 'E_BAD_REQUEST', title: 'Bad request (the JSON body is not an object or array)' }

/** What any /api/v1 operation can answer: a NUL in the query (422), rate limits, a database outage, an overloaded instance, a bug */
export const EVERY_OPERATION: ProblemSource[] = [
  VALIDATION_FAILED,
  TooManyRequestsException,
  INTERNAL_ERROR,
  DatabaseUnavailableException,
  OverloadedException,
]

/** What the body parser and the multipart guard answer on POST, PUT, PATCH and DELETE */
export const WITH_A_BODY: ProblemSource[] = [MALFORMED_BODY, BODY_NOT_AN_OBJECT, PAYLOAD_TOO_LARGE, UnsupportedMediaTypeException]

/** Statuses whose problem carries a Retry-After header */
const RETRY_AFTER_STATUSES = new Set([429, 503])

/** The problem object of one status, its `code` limited to the codes listed */
export function problemSchema(status: number, codes: string[]): Schema {
  const extensions = Object.assign({}, ...codes.map((code) => PROBLEM_EXTENSIONS[code] ?? {}))
  return {
    title: `Problem (${status})`,
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: {
        type: 'string',
        format: 'uri',
        description: `${PROBLEM_BASE_URI}<code without E_, kebab-case>`,
        examples: [`${PROBLEM_BASE_URI}${codes[0].replace(/^E_/, '').toLowerCase().replaceAll('_', '-')}`],
      },
      title: { type: 'string' },
      status: { type: 'integer', const: status },
      detail: { type: 'string', description: 'What happened, for a person; do not parse it.' },
      code: { type: 'string', enum: codes, description: 'Stable machine-readable code: branch on this.' },
      errors: { type: 'array', items: schemaRef('ProblemFieldError'), description: 'Field errors (validation).' },
      requestId: { type: 'string', description: 'The X-Request-Id of this response.' },
      ...extensions,
    },
  }
}

/** One problem response per status, from the failures an operation lists (duplicates merged) */
export function problemResponses(sources: ProblemSource[]): Record<string, Response> {
  const byStatus = new Map<number, ProblemSource[]>()
  for (const source of sources) {
    if (!source.code || !source.status) throw new Error(`A problem source without status or code: ${JSON.stringify(source)}`)
    const list = byStatus.get(source.status) ?? []
    if (!list.some((known) => known.code === source.code)) list.push(source)
    byStatus.set(source.status, list)
  }
  const responses: Record<string, Response> = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers: Record<string, Header | Reference> = { 'X-Request-Id': headerRef('X-Request-Id') }
    if (RETRY_AFTER_STATUSES.has(status)) headers['Retry-After'] = headerRef('Retry-After')
    responses[status] = {
      description: list.map((source) => `\`${source.code}\`: ${source.title}`).join('; '),
      headers,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(status, list.map((source) => source.code)) } },
    }
  }
  return responses
}
