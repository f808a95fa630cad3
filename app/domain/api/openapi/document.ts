import { HEADERS, PARAMETERS, SECURITY_SCHEMES, SHARED_SCHEMAS, headerRef, parameterRef } from '#domain/api/openapi/components'
import InvalidPartnerTokenException from '#exceptions/invalid_partner_token_exception'
import PartnerTokenNotAllowedException from '#exceptions/partner_token_not_allowed_exception'
import { EVERY_OPERATION, UNAUTHORIZED, WITH_A_BODY, problemResponses } from '#domain/api/openapi/problems'
import { deprecationHeaders, deprecationOf } from '#domain/api/openapi/deprecations'
import type { ApiArea, Caller, OperationSpec } from '#domain/api/openapi/area'
import type { OpenApiDocument, Operation, Response, Schema, SecurityRequirement } from '#domain/api/openapi/types'
import { authTokens } from '#domain/api/openapi/areas/auth_tokens'
import { accounts } from '#domain/api/openapi/areas/accounts'
import { payments } from '#domain/api/openapi/areas/payments'
import { notifications } from '#domain/api/openapi/areas/notifications'
import { meta } from '#domain/api/openapi/areas/meta'
import { partnerEvents } from '#domain/api/openapi/areas/partner_events'
import { accountAccessConsents } from '#domain/api/openapi/areas/account_access_consents'
import { paymentInitiation } from '#domain/api/openapi/areas/payment_initiation'
import { connectedPartners } from '#domain/api/openapi/areas/connected_partners'
import { loans } from '#domain/api/openapi/areas/loans'

/**
 * The OpenAPI 3.1 document of /api/v1 (GET /api/v1/openapi.json, rendered
 * at /api/docs). Each area file under ./areas describes its operations;
 * this function adds what every operation shares and checks the result
 * (unique operation ids and schema names, every $ref resolvable).
 * A new area: a file in ./areas, then one entry in AREAS.
 */
export const AREAS: ApiArea[] = [
  authTokens,
  accounts,
  payments,
  notifications,
  loans,
  connectedPartners,
  accountAccessConsents,
  paymentInitiation,
  partnerEvents,
  meta,
]

export const API_V1_PREFIX = '/api/v1'

const DESCRIPTION = `The Strongroom customer API.

**Conventions**
- JSON bodies \`{ data, links?, meta? }\`. Ids are strings of digits. Clients must ignore members they do not know.
- Money is \`{ "amount": "12.34", "currency": "GBP" }\`: a decimal **string**, never a JSON number.
- Errors are RFC 9457 \`application/problem+json\` with a stable \`code\` (\`E_INSUFFICIENT_FUNDS\`): branch on the code, not on the text. Each operation lists the codes it can answer.
- Money-moving POSTs take an \`Idempotency-Key\` header; a replay answers the original result with \`Idempotent-Replayed: true\`.
- Lists are cursor-paginated (\`limit\`, \`cursor\`, \`links.next\`).
- \`X-Request-Id\`: send yours (1-64 of \`A-Za-z0-9._-\`) or get one; it is in every response and problem.
- Rate limits per IP and per token: 429 \`E_TOO_MANY_REQUESTS\` with \`Retry-After\`.
- Partners (open banking) call with DPoP-bound OAuth tokens (the \`partner\` security scheme); the consent and payment-initiation endpoints use UK Open Banking v4 bodies \`{ Data, Risk, Links, Meta }\` with PascalCase members, and partner responses carry \`x-fapi-interaction-id\` and \`RateLimit\` / \`RateLimit-Policy\`.
- Breaking changes go to \`/api/v2\`. A deprecated operation is marked here and answers \`Deprecation\`, \`Sunset\` and \`Link: <…>; rel="deprecation"\` headers until its sunset.`

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete'])

export function openApiDocument(areas: ApiArea[] = AREAS): OpenApiDocument {
  const document: OpenApiDocument = {
    openapi: '3.1.1',
    info: {
      title: 'Strongroom API',
      version: 'v1',
      summary: 'Accounts, balances, transactions, payments and notifications of Strongroom customers.',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: API_V1_PREFIX, description: 'This server' }],
    tags: areas.map((area) => area.tag),
    security: [{ customer: [] }],
    paths: {},
    components: {
      schemas: { ...SHARED_SCHEMAS },
      parameters: { ...PARAMETERS },
      headers: { ...HEADERS },
      securitySchemes: { ...SECURITY_SCHEMES },
    },
  }
  const operationIds = new Set<string>()
  for (const area of areas) {
    for (const [name, schema] of Object.entries(area.schemas ?? {})) {
      if (name in document.components.schemas) throw new Error(`OpenAPI: schema ${name} is defined twice`)
      document.components.schemas[name] = schema
    }
    for (const spec of area.operations) {
      if (operationIds.has(spec.route)) throw new Error(`OpenAPI: operation ${spec.route} is defined twice`)
      operationIds.add(spec.route)
      const item = (document.paths[spec.path] ??= {})
      if (item[spec.method]) throw new Error(`OpenAPI: ${spec.method.toUpperCase()} ${spec.path} is defined twice`)
      item[spec.method] = operation(spec, area.tag.name)
    }
  }
  assertReferencesResolve(document)
  return document
}

function operation(spec: OperationSpec, tag: string): Operation {
  const who = callers(spec)
  const problems = [
    ...(who.includes('customer') ? [UNAUTHORIZED] : []),
    ...(who.some((caller) => caller !== 'customer') ? [InvalidPartnerTokenException] : []),
    /* a partner token where it is not accepted (ApiAuthMiddleware, PartnerAuthMiddleware) */
    ...(who.length > 0 ? [PartnerTokenNotAllowedException] : []),
    ...(spec.problems ?? []),
    ...EVERY_OPERATION,
    ...(BODY_METHODS.has(spec.method) ? WITH_A_BODY : []),
  ]
  const responses: Record<string, Response> = {}
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = { ...response, headers: { 'X-Request-Id': headerRef('X-Request-Id'), ...response.headers } }
  }
  Object.assign(responses, problemResponses(problems))

  const result: Operation = {
    operationId: spec.route,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [tag],
    parameters: [...(spec.parameters ?? []), parameterRef('RequestId')],
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    responses,
    security: security(spec),
  }
  return deprecate(result, spec.route)
}

function callers(spec: OperationSpec): Caller[] {
  if (spec.auth === 'none') return []
  return Array.isArray(spec.auth) ? spec.auth : [spec.auth]
}

/** Alternatives: a customer token, or a partner token with these scopes */
function security(spec: OperationSpec): SecurityRequirement[] {
  return callers(spec).map((caller): SecurityRequirement => (caller === 'customer' ? { customer: [] } : { partner: caller.partner }))
}

/** An operation in DEPRECATED_OPERATIONS: flagged, its sunset told, the three headers on every response */
function deprecate(operation: Operation, route: string): Operation {
  const deprecation = deprecationOf(route)
  if (!deprecation) return operation
  deprecationHeaders(deprecation) // throws on a malformed entry
  const headers = { Deprecation: headerRef('Deprecation'), Sunset: headerRef('Sunset'), Link: headerRef('Link') }
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [status, { ...response, headers: { ...response.headers, ...headers } }])
  )
  const notice = `**Deprecated** since ${deprecation.since}; works until ${deprecation.sunset} (see ${deprecation.link}).`
  return {
    ...operation,
    deprecated: true,
    'x-sunset': deprecation.sunset,
    description: operation.description ? `${notice}\n\n${operation.description}` : notice,
    responses,
  }
}

/** Every local $ref (#/components/...) points at something: a typo fails here, not in a client */
function assertReferencesResolve(document: OpenApiDocument) {
  const visit = (value: unknown, at: string) => {
    if (Array.isArray(value)) return value.forEach((item, index) => visit(item, `${at}/${index}`))
    if (!value || typeof value !== 'object') return
    const ref = (value as Schema).$ref
    if (typeof ref === 'string') {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), document)
      if (!ref.startsWith('#/') || target === undefined) throw new Error(`OpenAPI: ${at} refers to ${ref}, which does not exist`)
    }
    for (const [key, child] of Object.entries(value)) visit(child, `${at}/${key}`)
  }
  visit(document, '#')
}
