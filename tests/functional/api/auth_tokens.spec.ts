import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { assertProblem, createApiCustomer, otpFor, tokenFor, uniqueIp } from '#tests/helpers/api'

const ENDPOINT = '/api/v1/auth/tokens'

async function auditActions(requestId: string | undefined) {
  const rows = await db.from('audit_events').where('request_id', requestId ?? '').select('action', 'actor_type', 'ip', 'metadata')
  return rows
}

test.group('API auth tokens: issuance', () => {
  test('issues an sca token for password + TOTP, hashed at rest and expiring in 1 hour', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const ip = uniqueIp()
    const response = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', ip)
      .json({ email: customer.email.toUpperCase(), password: customer.password, otp: await otpFor(customer) })

    response.assertStatus(201)
    const { token, expiresAt, abilities } = response.body().data
    assert.match(token, /^sr_/)
    assert.deepEqual(abilities, ['sca'])
    const lifetime = new Date(expiresAt).getTime() - Date.now()
    assert.isAbove(lifetime, 59 * 60_000)
    assert.isAtMost(lifetime, 60 * 60_000)

    const stored = await db.from('customer_access_tokens').where('tokenable_id', customer.id).firstOrFail()
    assert.notInclude(stored.hash, token.split('.')[1])
    assert.deepEqual(JSON.parse(stored.abilities), ['sca'])

    const audit = await auditActions(response.header('x-request-id'))
    assert.deepEqual(audit.map((a) => [a.action, a.actor_type, a.ip]), [['auth.token.issued', 'customer', ip]])

    const accounts = await client.get('/api/v1/accounts').bearerToken(token)
    accounts.assertStatus(200)
  })

  test('issues a token without sca for a customer not enrolled in TOTP', async ({ client, assert }) => {
    const customer = await createApiCustomer({ totp: false })
    const response = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: customer.email, password: customer.password })
    response.assertStatus(201)
    assert.deepEqual(response.body().data.abilities, [])
  })

  test('answers unknown e-mail and wrong password alike (401 E_INVALID_CREDENTIALS) and audits both', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const wrong = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: customer.email, password: 'not the password', otp: await otpFor(customer) })
    const unknown = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: 'nobody-here@example.test', password: 'not the password', otp: '123456' })

    const a = assertProblem(assert, wrong, 401, 'E_INVALID_CREDENTIALS')
    const b = assertProblem(assert, unknown, 401, 'E_INVALID_CREDENTIALS')
    assert.equal(a.detail, b.detail)
    const [failedKnown] = await auditActions(wrong.header('x-request-id'))
    const [failedUnknown] = await auditActions(unknown.header('x-request-id'))
    assert.equal(failedKnown.action, 'auth.token.failed')
    assert.equal(failedUnknown.action, 'auth.token.failed')
    assert.equal(failedUnknown.actor_type, 'anonymous')
  })

  test('requires the TOTP code of an enrolled customer (401 E_INVALID_CREDENTIALS when missing or wrong)', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const missing = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: customer.email, password: customer.password })
    const wrong = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: customer.email, password: customer.password, otp: (await otpFor(customer, -10)) })
    assertProblem(assert, missing, 401, 'E_INVALID_CREDENTIALS')
    assertProblem(assert, wrong, 401, 'E_INVALID_CREDENTIALS')
    assert.equal(await db.from('customer_access_tokens').where('tokenable_id', customer.id).count('* as n').first().then((r) => Number(r.n)), 0)
    const reasons = [
      ...(await auditActions(missing.header('x-request-id'))),
      ...(await auditActions(wrong.header('x-request-id'))),
    ].map((a) => a.metadata.reason)
    assert.deepEqual(reasons, ['missing_otp', 'invalid_otp'])
  })

  test('answers a wrong password and a wrong or missing code byte-identically (nothing confirms the password)', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const attempts = [
      { email: customer.email, password: 'not the password', otp: await otpFor(customer) },
      { email: customer.email, password: 'not the password', otp: '000000' },
      { email: customer.email, password: customer.password, otp: await otpFor(customer, -10) },
      { email: customer.email, password: customer.password },
      { email: 'nobody-here@example.test', password: customer.password, otp: '123456' },
    ]
    const answers = []
    for (const body of attempts) {
      const response = await client.post(ENDPOINT).header('X-Forwarded-For', uniqueIp()).json(body)
      assertProblem(assert, response, 401, 'E_INVALID_CREDENTIALS')
      const { requestId, ...rest } = response.body()
      answers.push({
        status: response.status(),
        contentType: response.header('content-type'),
        wwwAuthenticate: response.header('www-authenticate') ?? null,
        body: JSON.stringify(rest),
      })
    }
    for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0])
  })

  test('accepts a TOTP code once only (replay is 401 E_INVALID_CREDENTIALS)', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const otp = await otpFor(customer)
    const body = { email: customer.email, password: customer.password, otp }
    const first = await client.post(ENDPOINT).header('X-Forwarded-For', uniqueIp()).json(body)
    const replay = await client.post(ENDPOINT).header('X-Forwarded-For', uniqueIp()).json(body)
    first.assertStatus(201)
    assertProblem(assert, replay, 401, 'E_INVALID_CREDENTIALS')
  })

  test('rejects a malformed body with 422 problem+json and field errors', async ({ client, assert }) => {
    const response = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: 'not-an-email', password: '' })
    const problem = assertProblem(assert, response, 422, 'E_VALIDATION_ERROR')
    const fields = problem.errors.map((e: any) => e.field).sort()
    assert.deepEqual(fields, ['email', 'password'])
    assert.properties(problem.errors[0], ['field', 'message', 'rule'])
  })

  test('throttles failures per e-mail and IP: the 6th attempt from that IP is 429 with Retry-After', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const ip = uniqueIp()
    for (let i = 0; i < 5; i++) {
      const r = await client
        .post(ENDPOINT)
        .header('X-Forwarded-For', ip)
        .json({ email: customer.email, password: `wrong-${i}`, otp: '000000' })
      r.assertStatus(401)
    }
    const blocked = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', ip)
      .json({ email: customer.email, password: customer.password, otp: await otpFor(customer) })
    assertProblem(assert, blocked, 429, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(blocked.header('retry-after')), 0)
    const [audit] = await auditActions(blocked.header('x-request-id'))
    assert.equal(audit.action, 'auth.token.failed')
    assert.equal(audit.metadata.reason, 'throttled')
  })

  test('refuses all but 5 of 20 parallel wrong passwords for one customer from one IP, and audits each', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const ip = uniqueIp()
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client
          .post(ENDPOINT)
          .header('X-Forwarded-For', ip)
          .json({ email: customer.email, password: `wrong-${i}`, otp: '000000' })
      )
    )
    const statuses = responses.map((r) => r.status()).sort()
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(15).fill(429)])
    for (const r of responses) assert.include(['E_INVALID_CREDENTIALS', 'E_TOO_MANY_REQUESTS'], r.body().code)

    const audits = await db
      .from('audit_events')
      .whereIn('request_id', responses.map((r) => r.header('x-request-id')!))
      .select('action', 'metadata')
    assert.lengthOf(audits, 20)
    assert.isTrue(audits.every((a) => a.action === 'auth.token.failed'))
    const reasons = audits.map((a) => a.metadata.reason).sort()
    assert.deepEqual(reasons, [...Array(5).fill('invalid_credentials'), ...Array(15).fill('throttled')])

    const again = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', ip)
      .json({ email: customer.email, password: customer.password, otp: await otpFor(customer) })
    assertProblem(assert, again, 429, 'E_TOO_MANY_REQUESTS')
  })

  test('20 wrong passwords from one IP do not stop the customer signing in from another IP', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const attacker = uniqueIp()
    for (let i = 0; i < 20; i++) {
      const r = await client
        .post(ENDPOINT)
        .header('X-Forwarded-For', attacker)
        .json({ email: customer.email, password: `guess-${i}` })
      assert.include([401, 429], r.status())
    }
    const real = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: customer.email, password: customer.password, otp: await otpFor(customer) })
    real.assertStatus(201)
    assert.deepEqual(real.body().data.abilities, ['sca'])
  })

  test('many IPs guessing one account only slow it down (one attempt per back-off), never lock the customer out', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    for (let i = 0; i < 10; i++) {
      const r = await client
        .post(ENDPOINT)
        .header('X-Forwarded-For', uniqueIp())
        .json({ email: customer.email, password: `guess-${i}` })
      r.assertStatus(401)
    }
    const paced = await Promise.all(
      [0, 1, 2].map((i) =>
        client.post(ENDPOINT).header('X-Forwarded-For', uniqueIp()).json({ email: customer.email, password: `more-${i}` })
      )
    )
    assert.deepEqual(paced.map((r) => r.status()).sort(), [401, 429, 429])
    const waited = paced.find((r) => r.status() === 429)!
    const retryAfter = Number(waited.header('retry-after'))
    assert.isAbove(retryAfter, 0)
    assert.isAtMost(retryAfter, 5)

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200))
    const real = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: customer.email, password: customer.password, otp: await otpFor(customer) })
    real.assertStatus(201)
  }).timeout(20_000)

  test('throttles failures per IP: after 20 failures from one address it answers 429', async ({ client, assert }) => {
    const ip = uniqueIp()
    for (let i = 0; i < 20; i++) {
      const r = await client
        .post(ENDPOINT)
        .header('X-Forwarded-For', ip)
        .json({ email: `someone-${i}@example.test`, password: 'guess' })
      r.assertStatus(401)
    }
    const customer = await createApiCustomer()
    const blocked = await client
      .post(ENDPOINT)
      .header('X-Forwarded-For', ip)
      .json({ email: customer.email, password: customer.password, otp: await otpFor(customer) })
    assertProblem(assert, blocked, 429, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(blocked.header('retry-after')), 0)
  })
})

test.group('API auth tokens: authentication and revocation', () => {
  test('rejects requests without a token, with a malformed or unknown one (401 E_UNAUTHORIZED)', async ({ client, assert }) => {
    const none = await client.get('/api/v1/accounts')
    const malformed = await client.get('/api/v1/accounts').header('Authorization', 'Bearer nonsense')
    const unknown = await client.get('/api/v1/accounts').bearerToken('sr_MTIzNDU2Nzg5.' + 'x'.repeat(40))
    const basic = await client.get('/api/v1/accounts').header('Authorization', 'Basic Zm9vOmJhcg==')
    for (const response of [none, malformed, unknown, basic]) {
      assertProblem(assert, response, 401, 'E_UNAUTHORIZED')
    }
  })

  test('rejects a token whose secret is tampered with', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    const tampered = token.slice(0, -4) + (token.endsWith('aaaa') ? 'bbbb' : 'aaaa')
    assertProblem(assert, await client.get('/api/v1/accounts').bearerToken(tampered), 401, 'E_UNAUTHORIZED')
  })

  test('rejects an expired token', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    await db.from('customer_access_tokens').where('tokenable_id', customer.id).update({ expires_at: new Date(Date.now() - 1000) })
    assertProblem(assert, await client.get('/api/v1/accounts').bearerToken(token), 401, 'E_UNAUTHORIZED')
  })

  test('rejects the token of a closed customer', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    await db.from('customers').where('id', customer.id).update({ status: 'closed' })
    assertProblem(assert, await client.get('/api/v1/accounts').bearerToken(token), 401, 'E_UNAUTHORIZED')
  })

  test('DELETE /auth/tokens/current revokes the token (204, audited, then 401)', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    const other = await tokenFor(customer.id)
    const revoke = await client.delete('/api/v1/auth/tokens/current').bearerToken(token)
    revoke.assertStatus(204)
    const [audit] = await auditActions(revoke.header('x-request-id'))
    assert.equal(audit.action, 'auth.token.revoked')

    assertProblem(assert, await client.get('/api/v1/accounts').bearerToken(token), 401, 'E_UNAUTHORIZED')
    assertProblem(assert, await client.delete('/api/v1/auth/tokens/current').bearerToken(token), 401, 'E_UNAUTHORIZED')
    ;(await client.get('/api/v1/accounts').bearerToken(other)).assertStatus(200)
  })

  test('authenticates without writing last_used_at on every request', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    ;(await client.get('/api/v1/accounts').bearerToken(token)).assertStatus(200)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const first = await db.from('customer_access_tokens').where('tokenable_id', customer.id).firstOrFail()
    assert.isNotNull(first.last_used_at)
    ;(await client.get('/api/v1/accounts').bearerToken(token)).assertStatus(200)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const second = await db.from('customer_access_tokens').where('tokenable_id', customer.id).firstOrFail()
    assert.equal(second.last_used_at.getTime(), first.last_used_at.getTime())
  })
})
