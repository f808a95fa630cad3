import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import { BufferedRateLimiter } from '#services/rate_limiting/api_rate_limiter'
import { assertProblem, createApiCustomer, tokenFor, uniqueIp } from '#tests/helpers/api'

test.group('API conventions: request ids', () => {
  test('echoes a valid client X-Request-Id, on success and on errors', async ({ client, assert }) => {
    const ok = await client.get('/health/live').header('X-Request-Id', 'client-123.abc_DEF')
    assert.equal(ok.header('x-request-id'), 'client-123.abc_DEF')
    const unauthorized = await client.get('/api/v1/accounts').header('X-Request-Id', 'trace-401')
    assert.equal(unauthorized.header('x-request-id'), 'trace-401')
    assert.equal(unauthorized.body().requestId, 'trace-401')
  })

  test('replaces an invalid X-Request-Id (bad characters or > 64 chars) with a generated one', async ({ client, assert }) => {
    for (const given of ['has spaces', 'x'.repeat(65), 'x'.repeat(101), '<script>', 'a/b']) {
      const response = await client.get('/health/live').header('X-Request-Id', given)
      const echoed = response.header('x-request-id') ?? ''
      assert.notEqual(echoed, given)
      assert.match(echoed, /^[0-9a-f-]{36}$/)
    }
  })

  test('keeps a client X-Request-Id of exactly 64 allowed characters', async ({ client, assert }) => {
    const given = 'A-z.0_'.repeat(10) + 'abcd'
    assert.lengthOf(given, 64)
    const response = await client.get('/health/live').header('X-Request-Id', given)
    assert.equal(response.header('x-request-id'), given)
  })

  test('generates one when absent, also on an unknown route (404 E_ROUTE_NOT_FOUND)', async ({ client, assert }) => {
    const response = await client.get('/api/v1/nope')
    const problem = assertProblem(assert, response, 404, 'E_ROUTE_NOT_FOUND')
    assert.match(problem.requestId, /^[0-9a-f-]{36}$/)
  })
})

test.group('API conventions: errors', () => {
  test('a malformed JSON body is 400 problem+json', async ({ assert }) => {
    const response = await fetch(`http://${env.get('HOST')}:${env.get('PORT')}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': uniqueIp() },
      body: '{"email": "a@b.c", ',
    })
    assert.equal(response.status, 400)
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
    const problem = (await response.json()) as { code: string; requestId: string }
    assert.equal(problem.code, 'E_MALFORMED_BODY')
    assert.equal(problem.requestId, response.headers.get('x-request-id'))
  })

  test('API responses set no session or CSRF cookies', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const response = await client.get('/api/v1/accounts').bearerToken(await tokenFor(customer.id))
    response.assertStatus(200)
    assert.isUndefined(response.header('set-cookie'))
    assert.equal(response.header('x-content-type-options'), 'nosniff')
  })
})

test.group('API conventions: CORS', () => {
  test('a preflight from an unlisted origin gets no Access-Control-Allow-Origin', async ({ client, assert }) => {
    const response = await client
      .options('/api/v1/transfers')
      .header('Origin', 'https://evil.example')
      .header('Access-Control-Request-Method', 'POST')
      .header('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key')
    assert.isUndefined(response.header('access-control-allow-origin'))
    assert.isUndefined(response.header('access-control-allow-credentials'))
  })

  test('a simple request from an unlisted origin gets no Access-Control-Allow-Origin', async ({ client, assert }) => {
    const response = await client.get('/health/live').header('Origin', 'https://evil.example')
    response.assertStatus(200)
    assert.isUndefined(response.header('access-control-allow-origin'))
  })
})

test.group('API conventions: rate limits', () => {
  test('answers 429 problem+json with Retry-After once an IP has used its requests per minute', async ({ client, assert }) => {
    const ip = uniqueIp()
    const perMinute = env.get('API_RATE_LIMIT_PER_MINUTE', 6000)
    await limiter.use({ requests: perMinute, duration: '1 minute' }).increment(`api_ip_${ip}`, perMinute)

    const first = await client.get('/api/v1/accounts').header('X-Forwarded-For', ip)
    assertProblem(assert, first, 401, 'E_UNAUTHORIZED')
    await new Promise((resolve) => setTimeout(resolve, 400)) // > flushMs: the shared count is known
    const limited = await client.get('/api/v1/accounts').header('X-Forwarded-For', ip)
    assertProblem(assert, limited, 429, 'E_TOO_MANY_REQUESTS')
    const retryAfter = Number(limited.header('retry-after'))
    assert.isAbove(retryAfter, 0)
    assert.isAtMost(retryAfter, 60)

    const otherIp = await client.get('/api/v1/accounts').header('X-Forwarded-For', uniqueIp())
    otherIp.assertStatus(401)
  })

  test('answers 429 per token when the token has used its requests, whatever the IP', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    const tokenId = token.slice(3).split('.')[0]
    const perMinute = env.get('API_RATE_LIMIT_PER_MINUTE', 6000)
    await limiter.use({ requests: perMinute, duration: '1 minute' }).increment(`api_token_${Buffer.from(tokenId, 'base64url').toString()}`, perMinute)

    ;(await client.get('/api/v1/accounts').bearerToken(token).header('X-Forwarded-For', uniqueIp())).assertStatus(200)
    await new Promise((resolve) => setTimeout(resolve, 400)) // > flushMs: the shared count is known
    const limited = await client.get('/api/v1/accounts').bearerToken(token).header('X-Forwarded-For', uniqueIp())
    assertProblem(assert, limited, 429, 'E_TOO_MANY_REQUESTS')
  })

  test('the batched limiter shares counts between instances through the database store', async ({ assert }) => {
    const store = limiter.use({ requests: 3, duration: '1 minute' })
    const key = `test_shared_${uniqueIp()}`
    const a = new BufferedRateLimiter(store, 3, 0)
    const b = new BufferedRateLimiter(store, 3, 0)

    assert.isTrue(a.hit(key).allowed)
    assert.isTrue(a.hit(key).allowed)
    await a.flushAll()
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.isTrue(b.hit(key).allowed)
    await b.flushAll()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const denied = b.hit(key)
    assert.isFalse(denied.allowed)
    assert.isAbove((denied as { retryAfter: number }).retryAfter, 0)
    assert.equal((await store.get(key))?.consumed, 3)
  })
})
