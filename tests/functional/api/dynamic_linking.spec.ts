import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import {
  assertProblem,
  authorisePayment,
  createApiCustomer,
  otpFor,
  postTransfer,
  tokenFor,
  transferBody,
  type ApiCustomer,
} from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'

/**
 * Finding 6 of issue 7, dynamic linking (PSD2 RTS art. 4-5, 16): a payment
 * above 250.00, or above 30.00 to a payee never paid above 30.00, needs a
 * payment authorisation for exactly that debtor, payee and amount plus a
 * fresh TOTP code; the authorisation is consumed with the posting.
 */
async function setup(fund = '1000.00') {
  const me = await createApiCustomer()
  const from = await openAccount(me.id, { fund })
  const payeeCustomer = await createApiCustomer()
  const to = await openAccount(payeeCustomer.id)
  const other = await openAccount((await createApiCustomer()).id)
  return { me, from, to, other, token: await tokenFor(me.id) }
}

const transfer = postTransfer
const authorise = authorisePayment

async function balance(accountId: number) {
  return String((await db.from('accounts').where('id', accountId).firstOrFail()).balance)
}

async function debits(accountId: number) {
  const row = await db.from('ledger_entries').where('account_id', accountId).where('direction', 'debit').count('* as n').first()
  return Number(row.n)
}

const code = (me: ApiCustomer, steps = 0) => otpFor(me, steps)

test.group('API dynamic linking: when a payment needs a code', () => {
  test('a payment above 250.00 without a code is 403 E_SCA_REQUIRED naming the authorisation endpoint; nothing booked', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    await db.table('customer_payees').insert({ customer_id: me.id, account_id: to.id })
    const problem = assertProblem(assert, await transfer(client, token, transferBody(from, to, '250.01')), 403, 'E_SCA_REQUIRED')
    assert.equal(problem.sca.reason, 'amount_above_threshold')
    assert.equal(problem.sca.authorisationUrl, '/api/v1/payment-authorisations')
    assert.include(problem.detail, 'POST /api/v1/payment-authorisations')
    assert.include(problem.detail, 'sca: { authorisationId, otp }')
    assert.equal(await debits(from.id), 0)
    ;(await transfer(client, token, transferBody(from, to, '250.00'))).assertStatus(201)
  })

  test('a new payee above 30.00 needs a code; 30.00 does not; a known payee below 250.00 does not', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    const refused = assertProblem(assert, await transfer(client, token, transferBody(from, to, '30.01')), 403, 'E_SCA_REQUIRED')
    assert.equal(refused.sca.reason, 'new_payee')
    ;(await transfer(client, token, transferBody(from, to, '30.00'))).assertStatus(201)
    /* 30.00 does not make the payee known */
    assertProblem(assert, await transfer(client, token, transferBody(from, to, '30.01')), 403, 'E_SCA_REQUIRED')

    const authorisation = await authorise(client, token, from, to, '100.00')
    ;(await transfer(client, token, transferBody(from, to, '100.00', { authorisationId: authorisation.id, otp: await code(me) }))).assertStatus(201)
    /* now known: below the threshold without a code */
    ;(await transfer(client, token, transferBody(from, to, '249.99'))).assertStatus(201)
    assert.equal(await balance(from.id), String(100_000 - 3_000 - 10_000 - 24_999))
  })
})

test.group('API dynamic linking: payment authorisations', () => {
  test('POST /api/v1/payment-authorisations shows the amount, payee and expiry (about 5 minutes) and is audited', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    const data = await authorise(client, token, from, to, '300.00')
    assert.match(data.id, /^[0-9a-f-]{36}$/)
    assert.containsSubset(data, {
      status: 'pending',
      debtorAccountId: String(from.id),
      creditor: { accountId: String(to.id), accountNumber: to.number },
      amount: { amount: '300.00', currency: 'GBP' },
      scaMethod: 'totp',
    })
    const ttl = new Date(data.expiresAt).getTime() - new Date(data.createdAt).getTime()
    assert.equal(ttl, 300_000)
    const audit = await db.from('audit_events').where('action', 'payment.authorisation.created').where('subject_id', data.id).first()
    assert.equal(audit.actor_id, String(me.id))
  })

  test('POST /api/v1/payment-authorisations refuses malformed input with 422 and an anonymous caller with 401; nothing is created', async ({ client, assert }) => {
    const { from, to, token } = await setup()
    const before = await db.from('payment_authorisations').count('* as n').first()
    const malformed = [
      { debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount: 300, currency: 'GBP' } },
      { debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount: '-1.00', currency: 'GBP' } },
      { debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount: '300.00', currency: 'XYZ' } },
      { debtorAccountId: 'abc', creditor: { accountNumber: 'nope' }, amount: { amount: '300.00', currency: 'GBP' } },
      {},
    ]
    for (const body of malformed) {
      const response = await client.post('/api/v1/payment-authorisations').bearerToken(token).json(body)
      const problem = assertProblem(assert, response, 422, 'E_VALIDATION_ERROR')
      assert.isAbove(problem.errors.length, 0)
    }
    const anonymous = await client
      .post('/api/v1/payment-authorisations')
      .json({ debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount: '300.00', currency: 'GBP' } })
    assert.equal(anonymous.status(), 401)
    const after = await db.from('payment_authorisations').count('* as n').first()
    assert.equal(Number(after.n), Number(before.n))
  })

  test('refuses an authorisation for another customer\'s account, a token without SCA and a payment above the limit', async ({ client, assert }) => {
    const { me, from, to, other, token } = await setup()
    const foreign = await client
      .post('/api/v1/payment-authorisations')
      .bearerToken(token)
      .json({ debtorAccountId: String(other.id), creditor: { accountId: String(to.id) }, amount: { amount: '300.00', currency: 'GBP' } })
    assertProblem(assert, foreign, 404, 'E_ACCOUNT_NOT_FOUND')
    const weak = await client
      .post('/api/v1/payment-authorisations')
      .bearerToken(await tokenFor(me.id, { abilities: [] }))
      .json({ debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount: '300.00', currency: 'GBP' } })
    assertProblem(assert, weak, 403, 'E_SCA_REQUIRED')
    const tooMuch = await client
      .post('/api/v1/payment-authorisations')
      .bearerToken(token)
      .json({ debtorAccountId: String(from.id), creditor: { accountNumber: to.number }, amount: { amount: '5000.01', currency: 'GBP' } })
    assert.equal(assertProblem(assert, tooMuch, 422, 'E_LIMIT_EXCEEDED').limit.kind, 'single')
  })

  test('the matching authorisation and a fresh code book once and consume it; a second use is refused', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    const authorisation = await authorise(client, token, from, to, '300.00')
    const sca = { authorisationId: authorisation.id, otp: await code(me) }
    const key = randomUUID()
    const booked = await transfer(client, token, transferBody(from, to, '300.00', sca), key)
    booked.assertStatus(201)
    assert.equal(await balance(from.id), '70000')

    const row = await db.from('payment_authorisations').where('id', authorisation.id).first()
    assert.isNotNull(row.consumed_at)
    assert.equal(String(row.transaction_id), booked.body().data.id)
    const audit = await db.from('audit_events').where('action', 'ledger.transfer.posted').where('subject_id', booked.body().data.id).first()
    assert.equal(audit.metadata.sca.authorisation_id, authorisation.id)

    /* the same Idempotency-Key replays the original */
    const replay = await transfer(client, token, transferBody(from, to, '300.00', sca), key)
    replay.assertStatus(201)
    assert.equal(replay.header('idempotent-replayed'), 'true')
    assert.deepEqual(replay.body(), booked.body())

    /* a new request with the used authorisation, even with a new code: refused */
    const again = await transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp: await code(me, 1) }))
    assert.equal(assertProblem(assert, again, 403, 'E_SCA_REQUIRED').sca.reason, 'authorisation_consumed')
    assert.equal(await debits(from.id), 1)
    assert.equal(await balance(from.id), '70000')
    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.isTrue(report.ok)
  })

  test('an authorisation for another amount or another payee is refused; nothing booked, authorisation still usable', async ({ client, assert }) => {
    const { me, from, to, other, token } = await setup()
    const authorisation = await authorise(client, token, from, to, '300.00')
    const otp = await code(me)
    const wrongAmount = await transfer(client, token, transferBody(from, to, '300.01', { authorisationId: authorisation.id, otp }))
    const amountProblem = assertProblem(assert, wrongAmount, 403, 'E_SCA_REQUIRED')
    assert.equal(amountProblem.sca.reason, 'authorisation_amount')
    assert.include(amountProblem.detail, 'another amount')
    const wrongPayee = await transfer(client, token, transferBody(from, other, '300.00', { authorisationId: authorisation.id, otp }))
    const payeeProblem = assertProblem(assert, wrongPayee, 403, 'E_SCA_REQUIRED')
    assert.equal(payeeProblem.sca.reason, 'authorisation_payee')
    assert.include(payeeProblem.detail, 'another payee')
    assert.equal(await debits(from.id), 0)
    const row = await db.from('payment_authorisations').where('id', authorisation.id).first()
    assert.isNull(row.consumed_at)
    /* the code was not used up by the refused attempts */
    ;(await transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp }))).assertStatus(201)
  })

  test('a wrong or reused code is 401 E_INVALID_OTP and nothing is booked; three wrong codes lock the authorisation', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    /* a code already spent (on the token) cannot be used again */
    await db.from('customers').where('id', me.id).update({ totp_last_time_step: Math.floor(Date.now() / 30_000) + 1 })
    const authorisation = await authorise(client, token, from, to, '300.00')
    const reused = await transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp: await code(me) }))
    assertProblem(assert, reused, 401, 'E_INVALID_OTP')
    const wrong = (await code(me)) === '000000' ? '111111' : '000000'
    for (let i = 0; i < 2; i++) {
      assertProblem(assert, await transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp: wrong })), 401, 'E_INVALID_OTP')
    }
    await db.from('customers').where('id', me.id).update({ totp_last_time_step: null })
    const locked = await transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp: await code(me) }))
    assert.equal(assertProblem(assert, locked, 403, 'E_SCA_REQUIRED').sca.reason, 'authorisation_too_many_attempts')
    assert.equal(await debits(from.id), 0)
  })

  test('an expired authorisation or another customer\'s authorisation is refused', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    const authorisation = await authorise(client, token, from, to, '300.00')
    await db.from('payment_authorisations').where('id', authorisation.id).update({ expires_at: new Date(Date.now() - 1000) })
    const expired = await transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp: await code(me) }))
    assert.equal(assertProblem(assert, expired, 403, 'E_SCA_REQUIRED').sca.reason, 'authorisation_expired')

    const stranger = await createApiCustomer()
    const theirs = await openAccount(stranger.id, { fund: '1000.00' })
    const strangerToken = await tokenFor(stranger.id)
    const mine = await authorise(client, token, from, to, '300.00')
    const stolen = await transfer(client, strangerToken, transferBody(theirs, to, '300.00', { authorisationId: mine.id, otp: await otpFor(stranger) }))
    assert.equal(assertProblem(assert, stolen, 403, 'E_SCA_REQUIRED').sca.reason, 'authorisation_unknown')
    assert.equal(await debits(theirs.id), 0)
    assert.equal(await debits(from.id), 0)
  })

  test('two concurrent uses of one authorisation book once', async ({ client, assert }) => {
    const { me, from, to, token } = await setup()
    const authorisation = await authorise(client, token, from, to, '300.00')
    const otp = await code(me)
    const responses = await Promise.all([
      transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp })),
      transfer(client, token, transferBody(from, to, '300.00', { authorisationId: authorisation.id, otp })),
    ])
    assert.sameMembers(responses.map((r) => r.status()), [201, 403])
    assert.equal(await debits(from.id), 1)
    assert.equal(await balance(from.id), '70000')
  })
})
