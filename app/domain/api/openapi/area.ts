import { headerRef } from '#domain/api/openapi/components'
import type { ProblemSource } from '#domain/api/openapi/problems'
import type { Header, HttpMethod, Parameter, Reference, RequestBody, Response, Schema, Tag } from '#domain/api/openapi/types'

/**
 * One area of the API (accounts, transfers ...): a tag, its own schemas
 * and its operations. document.ts turns each OperationSpec into an
 * OpenAPI operation: `route` becomes the operationId (the router name, so
 * the contract test can pair routes and operations), and the common
 * parts are added there (security, 401/422/429/5xx problems, X-Request-Id,
 * deprecation).
 */
export interface ApiArea {
  tag: Tag
  /** Schemas of this area, merged into components.schemas (names must be unique) */
  schemas?: Record<string, Schema>
  operations: OperationSpec[]
}

/**
 * Who may call: nobody in particular, a customer bearer token (adds 401
 * E_UNAUTHORIZED), a partner token with these scopes (the operation lists
 * the partner's own 401/403 problems), or any one of a list.
 */
export type Caller = 'customer' | { partner: string[] }
export type Auth = 'none' | Caller | Caller[]

export interface OperationSpec {
  /** The route name in start/routes (api.v1.accounts.show): the operationId */
  route: string
  method: Exclude<HttpMethod, 'head' | 'options'>
  /** Relative to the server (/api/v1), with {param} placeholders */
  path: string
  summary: string
  description?: string
  auth: Auth
  parameters?: Array<Parameter | Reference>
  requestBody?: RequestBody
  /** The successful responses by status */
  responses: Record<number, Response>
  /** The failures this operation answers beyond the common ones (exception classes or framework problems) */
  problems?: ProblemSource[]
}

/** A JSON response */
export function json(description: string, schema: Schema, headers: Record<string, Header | Reference> = {}): Response {
  return { description, headers, content: { 'application/json': { schema } } }
}

/** A response without a body (204) */
export function noContent(description: string): Response {
  return { description }
}

/** A required JSON request body */
export function jsonBody(schema: Schema, description?: string): RequestBody {
  return { required: true, ...(description ? { description } : {}), content: { 'application/json': { schema } } }
}

export const REPLAY_HEADERS = { 'Idempotent-Replayed': headerRef('Idempotent-Replayed') }
