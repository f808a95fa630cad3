import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import env from '#start/env'
import { Validator } from '@seriousme/openapi-schema-validator'
import { API_V1_PREFIX, openApiDocument } from '#domain/api/openapi/document'
import { DEPRECATED_OPERATIONS, deprecationHeaders } from '#domain/api/openapi/deprecations'
import type { OpenApiDocument, Operation } from '#domain/api/openapi/types'
import { OpenApiContract, contractStats, expectContract, type Exchange } from '#tests/helpers/openapi_contract'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'

/**
 * The OpenAPI document of /api/v1 (#domain/api/openapi), the contract the
 * whole functional suite is checked against (tests/helpers/openapi_contract.ts,
 * hooked into the api client by tests/bootstrap.ts), the deprecation
 * mechanism and the rendered reference (/api/docs; in Chromium:
 * tests/browser/api_docs.spec.ts).
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const

function operations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] as Operation }))
  )
}

/** `GET /api/v1/accounts/:id api.v1.accounts.show` for every route under /api/v1 (HEAD is implied by GET) */
function apiRoutes(): string[] {
  return (Object.values(router.toJSON()).flat() as Array<{ pattern: string; methods: string[]; name?: string | null }>)
    .filter((route) => route.pattern === API_V1_PREFIX || route.pattern.startsWith(`${API_V1_PREFIX}/`))
    .flatMap((route) => route.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${route.pattern} ${route.name ?? '(unnamed)'}`))
    .sort()
}

/** Every value of a key anywhere in the document, with where it is */
function findAll(value: unknown, key: string, at = '#', found: Array<{ at: string; value: unknown }> = []) {
  if (Array.isArray(value)) value.forEach((item, index) => findAll(item, key, `${at}/${index}`, found))
  else if (value && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      if (name === key) found.push({ at: `${at}/${name}`, value: child })
      findAll(child, key, `${at}/${name}`, found)
    }
  }
  return found
}

test.group('OpenAPI document of /api/v1', () => {
  test('GET /api/v1/openapi.json serves it without a token, valid against the OpenAPI 3.1 schema', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^application\/json/)
    assert.deepEqual(response.body(), JSON.parse(JSON.stringify(openApiDocument())))

    const validator = new Validator()
    const result = await validator.validate(response.body())
    assert.deepEqual(result.errors ?? [], [], 'OpenAPI 3.1 schema errors')
    assert.isTrue(result.valid)
    assert.equal(validator.version, '3.1')
    assert.equal(response.body().openapi, '3.1.1')
  })

  test('every route under /api/v1 has its operation, and every operation its route', ({ assert }) => {
    const documented = operations(openApiDocument())
      .map(({ path, method, operation }) => `${method.toUpperCase()} ${API_V1_PREFIX}${path.replace(/\{([^}]+)\}/g, ':$1')} ${operation.operationId}`)
      .sort()
    const routed = apiRoutes()
    assert.isAbove(routed.length, 14)
    assert.deepEqual(
      routed.filter((route) => !documented.includes(route)),
      [],
      'routes without an operation (add them to app/domain/api/openapi/areas/)'
    )
    assert.deepEqual(documented.filter((operation) => !routed.includes(operation)), [], 'operations without a route')
  })

  test('every deprecation names an operation', ({ assert }) => {
    const ids = operations(openApiDocument()).map(({ operation }) => operation.operationId)
    for (const route of Object.keys(DEPRECATED_OPERATIONS)) assert.include(ids, route)
  })

  test('every failure is a problem+json response with its stable codes, X-Request-Id on every response', ({ assert }) => {
    const document = openApiDocument()
    for (const { path, method, operation } of operations(document)) {
      const where = `${method.toUpperCase()} ${path}`
      for (const [status, response] of Object.entries(operation.responses)) {
        assert.property(response.headers ?? {}, 'X-Request-Id', `${where} ${status}`)
        if (Number(status) < 400) continue
        const schema = response.content?.['application/problem+json']?.schema
        assert.exists(schema, `${where} ${status} is a problem`)
        assert.equal(schema!.properties!.status.const, Number(status), `${where} ${status}`)
        const codes = schema!.properties!.code.enum as string[]
        assert.isNotEmpty(codes)
        for (const code of codes) assert.match(code, /^E_[A-Z0-9_]+$/)
      }
      for (const status of ['422', '429', '500', '503']) assert.property(operation.responses, status, `${where} answers ${status}`)
      if (operation.security?.some((requirement) => 'customer' in requirement)) {
        assert.include(operation.responses['401'].content!['application/problem+json'].schema.properties!.code.enum, 'E_UNAUTHORIZED')
      }
    }
    const transfer = document.paths['/transfers'].post!
    const refused = transfer.responses['422'].content!['application/problem+json'].schema.properties!.code.enum
    for (const code of ['E_INSUFFICIENT_FUNDS', 'E_LIMIT_EXCEEDED', 'E_IDEMPOTENCY_KEY_REUSED', 'E_VALIDATION_ERROR']) assert.include(refused, code)
    assert.deepEqual(transfer.responses['409'].content!['application/problem+json'].schema.properties!.code.enum, ['E_IDEMPOTENCY_IN_FLIGHT'])
    assert.property(transfer.responses['429'].headers!, 'Retry-After')
    assert.property(transfer.responses['201'].headers!, 'Idempotent-Replayed')
  })

  test('money is a decimal string: no JSON number anywhere, amounts are strings', ({ assert }) => {
    const document = openApiDocument()
    assert.deepEqual(findAll(document, 'type').filter(({ value }) => value === 'number' || (Array.isArray(value) && value.includes('number'))), [])
    for (const name of ['Money', 'MoneyInput']) {
      const money = document.components.schemas[name]
      assert.deepEqual(money.required, ['amount', 'currency'])
      assert.equal(money.properties!.amount.type, 'string')
    }
  })

  test('declares the customer bearer scheme and the partner OAuth 2 scheme, envelopes and headers', ({ assert }) => {
    const document = openApiDocument()
    assert.deepInclude(document.components.securitySchemes.customer, { type: 'http', scheme: 'bearer' })
    assert.equal(document.components.securitySchemes.partner.type, 'oauth2')
    assert.deepEqual(document.security, [{ customer: [] }])
    assert.deepEqual(document.paths['/auth/tokens'].post!.security, [])
    assert.deepEqual(document.paths['/openapi.json'].get!.security, [])
    for (const header of ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'Deprecation', 'Sunset', 'Link']) {
      assert.property(document.components.headers, header)
    }
    const list = document.paths['/accounts'].get!.responses['200'].content!['application/json'].schema
    assert.deepEqual(list.required, ['data', 'links'])
    assert.equal(list.properties!.data.type, 'array')
  })
})

test.group('OpenAPI contract of the functional suite', () => {
  test('the api client checks every /api/v1 response a test receives (fetch users: expectContract)', async ({ client, assert }) => {
    const before = contractStats.checked
    ;(await client.get('/api/v1/openapi.json')).assertStatus(200)
    const customer = await createApiCustomer()
    ;(await client.get('/api/v1/accounts').bearerToken(await tokenFor(customer.id))).assertStatus(200)
    assertProblem(assert, await client.get('/api/v1/accounts/1'), 401, 'E_UNAUTHORIZED')
    assertProblem(assert, await client.get('/api/v1/no-such-thing'), 404, 'E_ROUTE_NOT_FOUND')
    await client.get('/health/live')
    assert.equal(contractStats.checked - before, 4)

    const origin = `http://${env.get('HOST')}:${env.get('PORT')}`
    const viaFetch = await expectContract('GET', `${origin}/api/v1/openapi.json`, await fetch(`${origin}/api/v1/openapi.json`))
    assert.equal((viaFetch as { openapi: string }).openapi, '3.1.1')
    assert.equal(contractStats.checked - before, 5)
  })

  test('a response that breaks the contract is named with method, path, status and the schema error', ({ assert }) => {
    const contract = new OpenApiContract(openApiDocument())
    const account = { id: '7', number: 'SR0000000007', kind: 'current', currency: 'GBP', status: 'active', name: null }
    const exchange = (overrides: Partial<Exchange>): Exchange => {
      const body = overrides.body ?? { data: account }
      return {
        method: 'GET',
        url: '/api/v1/accounts/7?x=1',
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1' },
        text: JSON.stringify(body),
        ...overrides,
        body,
      }
    }
    const only = (violations: string[]) => {
      assert.lengthOf(violations, 1, violations.join('\n'))
      return violations[0]
    }

    assert.deepEqual(contract.check(exchange({})), [])
    assert.deepEqual(contract.check(exchange({ method: 'OPTIONS', status: 204, body: {}, text: '' })), [])
    assert.deepEqual(contract.check(exchange({ url: '/health/live' })), [])

    const missing = only(contract.check(exchange({ body: { data: { ...account, kind: undefined } } })))
    assert.include(missing, 'GET /api/v1/accounts/7 → 200 (api.v1.accounts.show, /accounts/{id})')
    assert.include(missing, "/data must have required property 'kind'")
    assert.include(only(contract.check(exchange({ body: { data: { ...account, balance: '1.00' } } }))), '/data must NOT have additional properties "balance"')
    assert.include(only(contract.check(exchange({ body: { data: { ...account, id: 7 } } }))), '/data/id must be string')

    const balances = { accountId: '7', booked: { amount: 12.34, currency: 'GBP' }, available: { amount: '12.34', currency: 'GBP' } }
    assert.include(only(contract.check(exchange({ url: '/api/v1/accounts/7/balances', body: { data: balances } }))), '/data/booked/amount must be string')

    assert.include(only(contract.check(exchange({ status: 418 }))), 'status 418 is not documented (documented: 200, 401, 403, 404, 422, 429, 500, 503)')
    assert.include(only(contract.check(exchange({ headers: { 'content-type': 'text/html', 'x-request-id': 'r-1' } }))), 'content type text/html is not documented')
    assert.include(only(contract.check(exchange({ headers: { 'content-type': 'application/json' } }))), 'required header X-Request-Id is missing')

    const problem = { type: 'https://strongroom.dev/problems/oops', title: 'Oops', status: 404, detail: 'x', code: 'E_OOPS', requestId: 'r-1' }
    const notFound = exchange({ status: 404, body: problem, headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': 'r-1' } })
    assert.include(only(contract.check(notFound)), '/code must be equal to one of the allowed values ["E_ACCOUNT_NOT_FOUND"]')
    assert.deepEqual(contract.check({ ...notFound, body: { ...problem, code: 'E_ACCOUNT_NOT_FOUND' } }), [])

    const undocumented = only(contract.check(exchange({ method: 'POST', url: '/api/v1/accounts/7/close', status: 201 })))
    assert.include(undocumented, 'no operation in the OpenAPI document for POST /api/v1/accounts/7/close')
    assert.deepEqual(contract.check({ ...notFound, url: '/api/v1/accounts/7/close' }), [])
  })
})

test.group('Deprecation of an operation', (group) => {
  const ROUTE = 'api.v1.notification_preferences.show'
  group.each.teardown(() => {
    delete DEPRECATED_OPERATIONS[ROUTE]
  })

  test('the Deprecation, Sunset and Link values (RFC 9745, RFC 8594, RFC 8288)', ({ assert }) => {
    assert.deepEqual(deprecationHeaders({ since: '2026-12-01', sunset: '2027-06-30', link: 'https://strongroom.dev/changes/x' }), {
      Deprecation: '@1796083200',
      Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT',
      Link: '<https://strongroom.dev/changes/x>; rel="deprecation"; type="text/html"',
    })
    assert.throws(() => deprecationHeaders({ since: '2027-07-01', sunset: '2027-06-30', link: 'https://x' }), /before/)
    assert.throws(() => deprecationHeaders({ since: '1 Dec 2026', sunset: '2027-06-30', link: 'https://x' }), /calendar day/)
  })

  test('nothing in /api/v1 is deprecated today', async ({ client, assert }) => {
    assert.deepEqual(DEPRECATED_OPERATIONS, {})
    assert.deepEqual(findAll(openApiDocument(), 'deprecated'), [])
    const customer = await createApiCustomer()
    const response = await client.get('/api/v1/notification-preferences').bearerToken(await tokenFor(customer.id))
    response.assertStatus(200)
    assert.isUndefined(response.header('deprecation'))
    assert.isUndefined(response.header('sunset'))
  })

  test('one table entry flags the operation in the document and sends the headers on its responses, errors too', async ({ client, assert }) => {
    DEPRECATED_OPERATIONS[ROUTE] = { since: '2026-12-01', sunset: '2027-06-30', link: 'https://strongroom.dev/changes/preferences-v2' }

    const document = (await client.get('/api/v1/openapi.json')).body()
    const operation = document.paths['/notification-preferences'].get
    assert.isTrue(operation.deprecated)
    assert.equal(operation['x-sunset'], '2027-06-30')
    assert.include(operation.description, 'https://strongroom.dev/changes/preferences-v2')
    for (const response of Object.values(operation.responses) as Array<{ headers: object }>) {
      assert.properties(response.headers, ['Deprecation', 'Sunset', 'Link'])
    }
    assert.notProperty(document.paths['/notification-preferences'].put, 'deprecated')

    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    for (const response of [
      await client.get('/api/v1/notification-preferences').bearerToken(token),
      await client.get('/api/v1/notification-preferences'),
    ]) {
      assert.equal(response.header('deprecation'), '@1796083200')
      assert.equal(response.header('sunset'), 'Wed, 30 Jun 2027 23:59:59 GMT')
      assert.equal(response.header('link'), '<https://strongroom.dev/changes/preferences-v2>; rel="deprecation"; type="text/html"')
    }
    const other = await client.put('/api/v1/notification-preferences').bearerToken(token).json({ preferences: [{ event: 'money_received', channel: 'mail', enabled: true }] })
    other.assertStatus(200)
    assert.isUndefined(other.header('deprecation'))
  })
})

test.group('API reference page (/api/docs)', () => {
  test('is served with a strict CSP: scripts from our origin only, no inline script, no eval, not framed', async ({ client, assert }) => {
    const page = await client.get('/api/docs')
    page.assertStatus(200)
    assert.match(page.header('content-type') ?? '', /^text\/html/)
    const csp = page.header('content-security-policy') ?? ''
    const directive = (name: string) => csp.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `))
    assert.equal(directive('script-src'), "script-src 'self'")
    assert.equal(directive('default-src'), "default-src 'self'")
    assert.equal(directive('frame-ancestors'), "frame-ancestors 'none'")
    assert.equal(directive('object-src'), "object-src 'none'")
    assert.notInclude(csp, 'unsafe-eval')
    assert.equal(page.header('x-frame-options'), 'DENY')
    assert.equal(page.header('x-content-type-options'), 'nosniff')

    const html = page.text()
    assert.include(html, 'data-url="/api/v1/openapi.json"')
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes, body]) => !/\bsrc=/.test(attributes) && !/type="application\/json"/.test(attributes) && body.trim() !== '')
    assert.deepEqual(inline, [], 'no inline script')
    const src = /<script src="([^"]+)"/.exec(html)?.[1]
    assert.match(src ?? '', /^\/api\/docs\/viewer\.js\?v=\d+\.\d+\.\d+/)

    const viewer = await client.get(src!)
    viewer.assertStatus(200)
    assert.match(viewer.header('content-type') ?? '', /^text\/javascript/)
    assert.match(viewer.header('cache-control') ?? '', /immutable/)
    assert.isAbove(viewer.text().length, 1_000_000)
  })
})
