import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { ApiResponse } from '@japa/api-client'
import type { Header, OpenApiDocument, Operation, Reference, Response, Schema } from '#domain/api/openapi/types'

/**
 * The contract test of /api/v1: every response the functional suite gets
 * through the Japa api client is checked against the OpenAPI document
 * (#domain/api/openapi/document). tests/bootstrap.ts registers
 * `checkApiContract` as an ApiClient teardown hook: a response that breaks
 * the contract rejects the request, so the test that received it fails
 * with the method, path, status and schema error; every violation is also
 * listed at the end of the run (`reportContractViolations`).
 *
 * Checked: the status is documented for the operation, the content type
 * is one of its media types (no body where none is documented), the body
 * matches the schema (JSON Schema 2020-12, ajv) with no member the schema
 * does not name, and the documented headers (required present, values
 * valid). A request to a path or method the document does not describe
 * must be answered with a problem (the router's 404 or 405).
 */

export interface Exchange {
  method: string
  /** The request path (query string and origin allowed) */
  url: string
  status: number
  headers: Record<string, string | string[] | undefined>
  body: unknown
  text: string
}

interface PathMatcher {
  template: string
  regex: RegExp
  params: number
}

const COMPONENTS_ID = 'https://strongroom.dev/openapi/components.json'
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020

/** A problem of any code: what a request outside the document gets */
const ANY_PROBLEM: Schema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', pattern: '^E_[A-Z0-9_]+$' },
    errors: { type: 'array', items: { $ref: '#/components/schemas/ProblemFieldError' } },
    requestId: { type: 'string' },
  },
}

export class OpenApiContract {
  #ajv: Ajv2020
  #paths: PathMatcher[]
  #validators = new Map<string, ValidateFunction>()

  constructor(
    private document: OpenApiDocument,
    private prefix = '/api/v1'
  ) {
    this.#ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
    addFormats(this.#ajv)
    this.#ajv.addSchema({ $id: COMPONENTS_ID, $defs: forContract(document.components.schemas) })
    this.#paths = Object.keys(document.paths)
      .map((template) => ({
        template,
        params: (template.match(/\{/g) ?? []).length,
        regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
      }))
      .sort((a, b) => a.params - b.params)
  }

  /** Whether the document speaks for this request: under the prefix, and not a CORS preflight */
  covers(exchange: Pick<Exchange, 'method' | 'url'>): boolean {
    const path = pathOf(exchange.url)
    return exchange.method.toLowerCase() !== 'options' && (path === this.prefix || path.startsWith(`${this.prefix}/`))
  }

  /** The violations of one request and response (none outside what the document covers) */
  check(exchange: Exchange): string[] {
    if (!this.covers(exchange)) return []
    const path = pathOf(exchange.url)
    const method = exchange.method.toLowerCase()
    const relative = path.slice(this.prefix.length) || '/'
    const template = this.#paths.find((candidate) => candidate.regex.test(relative))?.template
    const operation = template ? this.document.paths[template][method === 'head' ? 'get' : (method as 'get')] : undefined
    const where = `${exchange.method.toUpperCase()} ${path} → ${exchange.status}`

    if (!template || !operation) {
      const errors = this.#contentErrors(exchange, 'application/problem+json', ANY_PROBLEM, 'outside')
      return errors.map(
        (error) => `${where}: no operation in the OpenAPI document for ${exchange.method.toUpperCase()} ${path}, and the response is not a problem: ${error}`
      )
    }
    return this.#checkOperation(exchange, operation, template, method === 'head').map(
      (error) => `${where} (${operation.operationId}, ${template}): ${error}`
    )
  }

  #checkOperation(exchange: Exchange, operation: Operation, template: string, head: boolean): string[] {
    const response = operation.responses[String(exchange.status)]
    if (!response) {
      const documented = Object.keys(operation.responses).join(', ')
      return [`status ${exchange.status} is not documented (documented: ${documented}); body ${excerpt(exchange.text)}`]
    }
    const errors = this.#headerErrors(exchange, response)
    if (head) return errors
    const mediaTypes = Object.keys(response.content ?? {})
    if (mediaTypes.length === 0) {
      if (exchange.text !== '') errors.push(`documented without a body, got ${excerpt(exchange.text)}`)
      return errors
    }
    const contentType = mediaType(exchange.headers['content-type'])
    if (!contentType || !mediaTypes.includes(contentType)) {
      errors.push(`content type ${contentType ?? '(none)'} is not documented (documented: ${mediaTypes.join(', ')})`)
      return errors
    }
    const key = `${template} ${exchange.method.toLowerCase()} ${exchange.status} ${contentType}`
    return [...errors, ...this.#bodyErrors(exchange, key, response.content![contentType].schema)]
  }

  #contentErrors(exchange: Exchange, expected: string, schema: Schema, key: string): string[] {
    const contentType = mediaType(exchange.headers['content-type'])
    if (contentType !== expected) return [`content type ${contentType ?? '(none)'}, expected ${expected}; body ${excerpt(exchange.text)}`]
    return this.#bodyErrors(exchange, key, schema)
  }

  #bodyErrors(exchange: Exchange, key: string, schema: Schema): string[] {
    let validate = this.#validators.get(key)
    if (!validate) {
      validate = this.#ajv.compile(forContract(schema))
      this.#validators.set(key, validate)
    }
    if (validate(exchange.body)) return []
    return [`body ${describe(validate.errors ?? [])}; body ${excerpt(exchange.text)}`]
  }

  #headerErrors(exchange: Exchange, response: Response): string[] {
    const errors: string[] = []
    for (const [name, headerOrRef] of Object.entries(response.headers ?? {})) {
      const header = this.#header(headerOrRef)
      const raw = exchange.headers[name.toLowerCase()]
      const value = Array.isArray(raw) ? raw.join(', ') : raw
      if (value === undefined) {
        if (header.required) errors.push(`required header ${name} is missing`)
        continue
      }
      const key = `header ${JSON.stringify(header.schema)}`
      let validate = this.#validators.get(key)
      if (!validate) {
        validate = this.#ajv.compile(forContract(header.schema))
        this.#validators.set(key, validate)
      }
      const typed = header.schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value
      if (!validate(typed)) errors.push(`header ${name}: ${JSON.stringify(value)} ${describe(validate.errors ?? [])}`)
    }
    return errors
  }

  #header(header: Header | Reference): Header {
    if (!('$ref' in header)) return header
    const name = header.$ref.replace('#/components/headers/', '')
    const found = this.document.components.headers[name]
    if (!found) throw new Error(`OpenAPI contract: unknown header ${header.$ref}`)
    return found
  }
}

/**
 * The schema as the contract test applies it: component refs point into
 * the registered components, and an object that lists its properties
 * admits no others (the document itself leaves that open so new members
 * are not a breaking change; the tests make sure none appears unnoticed).
 */
function forContract(value: any): any {
  if (Array.isArray(value)) return value.map(forContract)
  if (!value || typeof value !== 'object') return value
  const copy: Record<string, any> = {}
  for (const [key, child] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof child === 'string'
        ? child.replace('#/components/schemas/', `${COMPONENTS_ID}#/$defs/`)
        : key === 'properties' || key === '$defs'
          ? Object.fromEntries(Object.entries(child as object).map(([name, schema]) => [name, forContract(schema)]))
          : forContract(child)
  }
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false
  return copy
}

function pathOf(url: string): string {
  return new URL(url, 'http://contract.invalid').pathname.replace(/(.)\/+$/, '$1')
}

function mediaType(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header
  return value ? value.split(';')[0].trim().toLowerCase() : null
}

function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 5)
    .map((error) => {
      const at = error.instancePath || '(root)'
      const detail =
        error.keyword === 'additionalProperties'
          ? ` "${(error.params as { additionalProperty: string }).additionalProperty}"`
          : error.keyword === 'enum'
            ? ` ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
            : ''
      return `${at} ${error.message}${detail}`
    })
    .join('; ')
}

function excerpt(text: string): string {
  if (text === '') return '(empty)'
  return text.length > 400 ? `${text.slice(0, 400)}…` : text
}

/*
 * The hook. The contract is built from the document as it is now, and
 * again when DEPRECATED_OPERATIONS changes (a test that deprecates an
 * operation gets its Deprecation headers required).
 */

let cached: { key: string; contract: OpenApiContract } | undefined
export const contractViolations: string[] = []
/** How many /api/v1 responses the hook checked in this run */
export const contractStats = { checked: 0 }

export async function apiContract(): Promise<OpenApiContract> {
  const { openApiDocument } = await import('#domain/api/openapi/document')
  const { DEPRECATED_OPERATIONS } = await import('#domain/api/openapi/deprecations')
  const key = JSON.stringify(DEPRECATED_OPERATIONS)
  if (cached?.key !== key) cached = { key, contract: new OpenApiContract(openApiDocument()) }
  return cached.contract
}

/** ApiClient teardown hook: rejects the request when its response breaks the contract */
export async function checkApiContract(response: ApiResponse) {
  const raw = response.response
  if (!raw) return
  const contract = await apiContract()
  const { method, endpoint: url } = response.request.config
  if (!contract.covers({ method, url })) return
  contractStats.checked++
  const violations = contract.check({
    method,
    url,
    status: response.status(),
    headers: response.headers(),
    body: response.body(),
    text: typeof raw.text === 'string' ? raw.text : '',
  })
  if (violations.length === 0) return
  contractViolations.push(...violations)
  throw new Error(`OpenAPI contract violated (fix app/domain/api/openapi or the response):\n- ${violations.join('\n- ')}`)
}

/**
 * For a test that calls /api/v1 with fetch (a partner's DPoP requests):
 * checks the response like the api client hook does and returns its body.
 */
export async function expectContract(method: string, url: string, response: globalThis.Response): Promise<unknown> {
  const text = await response.clone().text()
  let body: unknown = {}
  try {
    body = text === '' ? {} : JSON.parse(text)
  } catch {}
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  const contract = await apiContract()
  if (!contract.covers({ method, url })) return body
  contractStats.checked++
  const violations = contract.check({ method, url, status: response.status, headers, body, text })
  if (violations.length) {
    contractViolations.push(...violations)
    throw new Error(`OpenAPI contract violated (fix app/domain/api/openapi or the response):\n- ${violations.join('\n- ')}`)
  }
  return body
}

/** Runner teardown: how many responses were checked, and every violation of the run (each already failed its test) */
export function reportContractViolations() {
  if (contractStats.checked > 0) {
    console.log(`OpenAPI contract: ${contractStats.checked} /api/v1 response(s) checked, ${contractViolations.length} violation(s)`)
  }
  if (contractViolations.length === 0) return
  console.error(`\n✖ ${contractViolations.length} response(s) broke the OpenAPI contract:\n- ${contractViolations.join('\n- ')}\n`)
  process.exitCode = 1
}
