import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'

async function setup(fund = '100.00') {
  const me = await createApiCustomer()
  const payee = await createApiCustomer()
  const from = await openAccount(me.id, { fund })
  const to = await openAccount(payee.id)
  return { me, payee, from, to, token: await tokenFor(me.id) }
}

const body = (from: { id: number }, to: { id: number }, amount = '25.50', extra: object = {}) => ({
  debtorAccountId: String(from.id),
  creditor: { accountId: String(to.id) },
  amount: { amount, currency: 'GBP' },
  reference: 'Rent',
  ...extra,
})

async function balance(accountId: number) {
  const row = await db.from('accounts').where('id', accountId).firstOrFail()
  return String(row.balance)
}

test.group('API transfers: POST /api/v1/transfers', () => {
  test('books a transfer (201) with ids as strings and the amount as a decimal string', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const response = await client
      .post('/api/v1/transfers')
      .bearerToken(token)
      .header('Idempotency-Key', randomUUID())
      .json(body(from, to))

    response.assertStatus(201)
    assert.isUndefined(response.header('idempotent-replayed'))
    const data = response.body().data
    assert.containsSubset(data, {
      status: 'booked',
      debtorAccountId: String(from.id),
      creditorAccountId: String(to.id),
      amount: { amount: '25.50', currency: 'GBP' },
      reference: 'Rent',
    })
    assert.match(data.id, /^\d+$/)
    assert.match(data.createdAt, /^\d{4}-\d{2}-\d{2}T/)
    assert.equal(await balance(from.id), '7450')
    assert.equal(await balance(to.id), '2550')

    const shown = await client.get(`/api/v1/transfers/${data.id}`).bearerToken(token)
    shown.assertStatus(200)
    assert.deepEqual(shown.body().data, data)
  })

  test('pays to an account number and accepts numeric ids', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const response = await client
      .post('/api/v1/transfers')
      .bearerToken(token)
      .header('Idempotency-Key', randomUUID())
      .json({ debtorAccountId: from.id, creditor: { accountNumber: to.number }, amount: { amount: '1', currency: 'GBP' } })
    response.assertStatus(201)
    assert.equal(response.body().data.creditorAccountId, String(to.id))
    assert.equal(response.body().data.amount.amount, '1.00')
    assert.isNull(response.body().data.reference)
  })

  test('replays the same key and body: same status and body, Idempotent-Replayed: true, one posting', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const key = randomUUID()
    const first = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body(from, to))
    const again = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body(from, to))
    first.assertStatus(201)
    again.assertStatus(201)
    assert.equal(again.header('idempotent-replayed'), 'true')
    assert.deepEqual(again.body(), first.body())
    assert.equal(await balance(from.id), '7450')
  })

  test('same key with a different body is 422 E_IDEMPOTENCY_KEY_REUSED', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const key = randomUUID()
    ;(await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body(from, to))).assertStatus(201)
    const reused = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body(from, to, '25.51'))
    assertProblem(assert, reused, 422, 'E_IDEMPOTENCY_KEY_REUSED')
    assert.equal(await balance(from.id), '7450')
  })

  test('two concurrent requests with one key post once (the other is a replay or 409)', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const key = randomUUID()
    const send = () => client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body(from, to))
    const responses = await Promise.all([send(), send()])
    const statuses = responses.map((r) => r.status()).sort()
    assert.includeMembers([['201', '201'].join(), ['201', '409'].join()], [statuses.join()])
    assert.equal(await balance(from.id), '7450')
    const postings = await db.from('ledger_entries').where('account_id', from.id).where('direction', 'debit').count('* as n').first()
    assert.equal(Number(postings.n), 1)
    if (statuses[1] === 409) {
      assertProblem(assert, responses.find((r) => r.status() === 409)!, 409, 'E_IDEMPOTENCY_IN_FLIGHT')
    } else {
      assert.sameMembers(responses.map((r) => r.header('idempotent-replayed') ?? 'no'), ['true', 'no'])
    }
  })

  test('rejects a transfer that would overdraw (422 E_INSUFFICIENT_FUNDS), balances unchanged', async ({ client, assert }) => {
    const { from, to, token } = await setup('10.00')
    const response = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', randomUUID()).json(body(from, to, '10.01'))
    assertProblem(assert, response, 422, 'E_INSUFFICIENT_FUNDS')
    assert.equal(await balance(from.id), '1000')
  })

  test('cannot debit another customer\'s account (404 E_ACCOUNT_NOT_FOUND)', async ({ client, assert }) => {
    const { from, to } = await setup()
    const intruder = await createApiCustomer()
    const response = await client
      .post('/api/v1/transfers')
      .bearerToken(await tokenFor(intruder.id))
      .header('Idempotency-Key', randomUUID())
      .json(body(from, to))
    assertProblem(assert, response, 404, 'E_ACCOUNT_NOT_FOUND')
    assert.equal(await balance(from.id), '10000')
  })

  test('requires a token issued with the second factor (403 E_SCA_REQUIRED)', async ({ client, assert }) => {
    const { me, from, to } = await setup()
    const response = await client
      .post('/api/v1/transfers')
      .bearerToken(await tokenFor(me.id, { abilities: [] }))
      .header('Idempotency-Key', randomUUID())
      .json(body(from, to))
    assertProblem(assert, response, 403, 'E_SCA_REQUIRED')
  })

  test('requires a valid token (401)', async ({ client, assert }) => {
    const { from, to } = await setup()
    assertProblem(assert, await client.post('/api/v1/transfers').header('Idempotency-Key', randomUUID()).json(body(from, to)), 401, 'E_UNAUTHORIZED')
  })

  test('rejects a KYC-unverified customer moving money out (403 E_KYC_NOT_VERIFIED)', async ({ client, assert }) => {
    const me = await createApiCustomer({ kyc: 'pending' })
    const from = await openAccount(me.id, { fund: '50.00' })
    const to = await openAccount((await createApiCustomer()).id)
    const response = await client.post('/api/v1/transfers').bearerToken(await tokenFor(me.id)).header('Idempotency-Key', randomUUID()).json(body(from, to))
    assertProblem(assert, response, 403, 'E_KYC_NOT_VERIFIED')
  })

  test('requires a well-formed Idempotency-Key header (422 on missing or too long)', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const missing = await client.post('/api/v1/transfers').bearerToken(token).json(body(from, to))
    const tooLong = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', 'k'.repeat(256)).json(body(from, to))
    for (const response of [missing, tooLong]) {
      const problem = assertProblem(assert, response, 422, 'E_VALIDATION_ERROR')
      assert.equal(problem.errors[0].field, 'headers.idempotency-key')
    }
  })

  test('rejects invalid bodies with 422 and field errors; amounts must be decimal strings', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const cases: Array<[object, string]> = [
      [body(from, to, '12.345'), 'E_INVALID_AMOUNT'],
      [body(from, to, '0.00'), 'E_INVALID_AMOUNT'],
      [{ ...body(from, to), amount: { amount: 12.5, currency: 'GBP' } }, 'amount.amount'],
      [{ ...body(from, to), amount: { amount: '-5.00', currency: 'GBP' } }, 'amount.amount'],
      [{ ...body(from, to), amount: { amount: '5.00', currency: 'XXX' } }, 'amount.currency'],
      [{ ...body(from, to), debtorAccountId: 'abc' }, 'debtorAccountId'],
      [{ ...body(from, to), creditor: {} }, 'creditor.accountId'],
      [{ ...body(from, to), reference: 'x'.repeat(141) }, 'reference'],
    ]
    for (const [payload, expected] of cases) {
      const response = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', randomUUID()).json(payload)
      if (expected.startsWith('E_')) {
        assertProblem(assert, response, 422, expected)
      } else {
        const problem = assertProblem(assert, response, 422, 'E_VALIDATION_ERROR')
        assert.include(problem.errors.map((e: any) => e.field), expected)
      }
    }
    assert.equal(await balance(from.id), '10000')
  })

  test('rejects a currency mismatch and a self-transfer (422)', async ({ client, assert }) => {
    const { me, from, token } = await setup()
    const eur = await openAccount(me.id, { currency: 'EUR' })
    const mismatch = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', randomUUID()).json(body(from, eur))
    assertProblem(assert, mismatch, 422, 'E_CURRENCY_MISMATCH')
    const self = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', randomUUID()).json(body(from, from))
    assertProblem(assert, self, 422, 'E_SAME_ACCOUNT')
  })
})

test.group('API transfers: GET /api/v1/transfers/:id', () => {
  test('the payee sees the transfer; an uninvolved customer gets 404 E_TRANSFER_NOT_FOUND', async ({ client, assert }) => {
    const { payee, from, to, token } = await setup()
    const created = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', randomUUID()).json(body(from, to))
    const id = created.body().data.id

    const asPayee = await client.get(`/api/v1/transfers/${id}`).bearerToken(await tokenFor(payee.id))
    asPayee.assertStatus(200)
    assert.equal(asPayee.body().data.id, id)

    const stranger = await tokenFor((await createApiCustomer()).id)
    assertProblem(assert, await client.get(`/api/v1/transfers/${id}`).bearerToken(stranger), 404, 'E_TRANSFER_NOT_FOUND')
    assertProblem(assert, await client.get('/api/v1/transfers/not-a-number').bearerToken(stranger), 404, 'E_TRANSFER_NOT_FOUND')
    assertProblem(assert, await client.get(`/api/v1/transfers/${id}`), 401, 'E_UNAUTHORIZED')
  })
})
