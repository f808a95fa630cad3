import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'

/**
 * Finding 6 of issue 7: a customer token approved any number of payments.
 * Per-customer limits (defaults GBP 5,000.00 single / 10,000.00 daily,
 * staff overrides) are checked by payment_guard() inside the posting.
 * Payments here go to payees already known (paid above the exemption
 * before), so only the limits and the 250.00 threshold apply.
 */
async function setup(fund = '20000.00') {
  const me = await createApiCustomer()
  const from = await openAccount(me.id, { fund })
  const payees = await Promise.all([1, 2, 3].map(async () => openAccount((await createApiCustomer()).id)))
  await db.table('customer_payees').insert(payees.map((p) => ({ customer_id: me.id, account_id: p.id })))
  return { me, from, payees, token: await tokenFor(me.id) }
}

const pay = (client: any, token: string, from: { id: number }, to: { id: number }, amount: string, currency = 'GBP') =>
  client
    .post('/api/v1/transfers')
    .bearerToken(token)
    .header('Idempotency-Key', randomUUID())
    .json({ debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount, currency } })

async function balance(accountId: number) {
  return String((await db.from('accounts').where('id', accountId).firstOrFail()).balance)
}

async function debits(accountId: number) {
  const row = await db.from('ledger_entries').where('account_id', accountId).where('direction', 'debit').count('* as n').first()
  return Number(row.n)
}

/** Lowers the customer's limits (an override, as staff would set it) so the tests stay below 250.00 */
async function limitTo(customerId: number, single: string, daily: string) {
  await db.table('customer_payment_limits').insert({ customer_id: customerId, currency: 'GBP', single_limit: single, daily_limit: daily })
}

test.group('API payment limits', () => {
  test('a payment within the limits and the exemption books as before', async ({ client, assert }) => {
    const { from, payees, token } = await setup('100.00')
    const response = await pay(client, token, from, payees[0], '25.00')
    response.assertStatus(201)
    assert.equal(await balance(from.id), '7500')
    const total = await db.from('payment_daily_totals').where('customer_id', (await db.from('accounts').where('id', from.id).first()).customer_id).first()
    assert.equal(String(total.total), '2500')
  })

  test('refuses a payment above the single-payment limit (422 E_LIMIT_EXCEEDED naming the limit), nothing booked', async ({ client, assert }) => {
    const { me, from, payees, token } = await setup()
    await limitTo(me.id, '20000', '50000')
    const response = await pay(client, token, from, payees[0], '200.01')
    const problem = assertProblem(assert, response, 422, 'E_LIMIT_EXCEEDED')
    assert.deepEqual(problem.limit, {
      kind: 'single',
      limit: { amount: '200.00', currency: 'GBP' },
      remaining: { amount: '200.00', currency: 'GBP' },
    })
    assert.include(problem.detail, 'single-payment limit of 200.00 GBP')
    assert.equal(await balance(from.id), '2000000')
    assert.equal(await debits(from.id), 0)
  })

  test('the default single limit is 5,000.00 GBP (checked before dynamic linking)', async ({ client, assert }) => {
    const { from, payees, token } = await setup()
    const problem = assertProblem(assert, await pay(client, token, from, payees[0], '5000.01'), 422, 'E_LIMIT_EXCEEDED')
    assert.equal(problem.limit.kind, 'single')
    assert.equal(problem.limit.limit.amount, '5000.00')
  })

  test('refuses the payment that would cross the daily total and says what remains', async ({ client, assert }) => {
    const { me, from, payees, token } = await setup()
    await limitTo(me.id, '20000', '50000')
    ;(await pay(client, token, from, payees[0], '200.00')).assertStatus(201)
    ;(await pay(client, token, from, payees[1], '200.00')).assertStatus(201)
    const refused = await pay(client, token, from, payees[2], '100.01')
    const problem = assertProblem(assert, refused, 422, 'E_LIMIT_EXCEEDED')
    assert.deepEqual(problem.limit, {
      kind: 'daily',
      limit: { amount: '500.00', currency: 'GBP' },
      remaining: { amount: '100.00', currency: 'GBP' },
    })
    assert.include(problem.detail, '100.00 GBP remains today')
    ;(await pay(client, token, from, payees[2], '100.00')).assertStatus(201)
    assert.equal(await debits(from.id), 3)
    assert.equal(await balance(from.id), String(2_000_000 - 50_000))
  })

  test('two concurrent payments that each fit but together exceed the daily total: one books, one 422', async ({ client, assert }) => {
    for (let round = 0; round < 3; round++) {
      const { me, from, payees, token } = await setup()
      await limitTo(me.id, '20000', '30000')
      const responses = await Promise.all([
        pay(client, token, from, payees[0], '200.00'),
        pay(client, token, from, payees[1], '200.00'),
      ])
      assert.sameMembers(responses.map((r) => r.status()), [201, 422])
      const refused = responses.find((r) => r.status() === 422)!
      assert.equal(assertProblem(assert, refused, 422, 'E_LIMIT_EXCEEDED').limit.remaining.amount, '100.00')
      assert.equal(await debits(from.id), 1)
      assert.equal(await balance(from.id), String(2_000_000 - 20_000))
    }
    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.isTrue(report.ok, JSON.stringify(report.discrepancies ?? report))
  })

  test('limits are per currency: GBP spending does not use up the EUR limit', async ({ client }) => {
    const { me, from, payees, token } = await setup()
    await limitTo(me.id, '20000', '20000')
    ;(await pay(client, token, from, payees[0], '200.00')).assertStatus(201)
    const eurFrom = await openAccount(me.id, { currency: 'EUR', fund: '1000.00' })
    const eurTo = await openAccount((await createApiCustomer()).id, { currency: 'EUR' })
    await db.table('customer_payees').insert({ customer_id: me.id, account_id: eurTo.id })
    ;(await pay(client, token, eurFrom, eurTo, '200.00', 'EUR')).assertStatus(201)
  })

  test('staff transfers (no payment policy) are not subject to customer limits', async ({ assert }) => {
    const { me, from, payees } = await setup()
    await limitTo(me.id, '100', '100')
    const PostTransfer = (await import('#actions/ledger/post_transfer')).default
    const { Money } = await import('#domain/money/money')
    const { transfer } = await (await app.container.make(PostTransfer)).handle({
      actor: { type: 'staff', id: 1 },
      debtorAccountId: from.id,
      creditor: { accountId: payees[0].id },
      amount: Money.fromDecimal('300.00', 'GBP'),
      idempotencyKey: randomUUID(),
    })
    assert.equal(transfer.amount.toDecimalString(), '300.00')
  })
})
