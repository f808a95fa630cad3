import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import SettleHeldPayment from '#actions/risk/settle_held_payment'
import HeldPaymentSettledException from '#exceptions/held_payment_settled_exception'
import AuditTrail from '#services/audit/audit_trail'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { NO_REQUEST } from '#domain/audit/actor'
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
import { createStaff } from '#tests/helpers/staff'

/**
 * The risk rules inside the customer payment path (issue 9), with the
 * default configuration (version 1): account takeover scores velocity,
 * amount against the customer's 90-day pattern, a new payee receiving a
 * large amount and failed logins; alert (review) at 100, block at 240.
 */
type Acc = { id: number }

const body = (from: Acc, to: Acc, amount: string, sca?: object) => transferBody(from, to, amount, sca, 'Risk test')
const pay = postTransfer
const authorise = async (client: any, token: string, from: Acc, to: Acc, amount: string) =>
  (await authorisePayment(client, token, from, to, amount)).id as string

async function account(id: number) {
  const row = await db.from('accounts').where('id', id).firstOrFail()
  return { balance: String(row.balance), available: String(row.available) }
}

/** A customer with 20,000.00, high limits, a known payee paid 10.00 five times just now (velocity medium, pattern mean 10.00) */
async function busyCustomer(client: any) {
  const me = await createApiCustomer()
  const from = await openAccount(me.id, { fund: '20000.00' })
  const known = await openAccount((await createApiCustomer()).id)
  const stranger = await openAccount((await createApiCustomer()).id)
  await db.table('customer_payment_limits').insert({ customer_id: me.id, currency: 'GBP', single_limit: 5_000_000, daily_limit: 9_000_000 })
  const token = await tokenFor(me.id)
  for (let i = 0; i < 5; i++) (await pay(client, token, body(from, known, '10.00'))).assertStatus(201)
  return { me, from, known, stranger, token }
}

async function alertsOf(customerId: number) {
  return db.from('risk_alerts').where('customer_id', customerId).orderBy('id')
}

async function withCode(client: any, me: ApiCustomer, token: string, from: Acc, to: Acc, amount: string) {
  return { authorisationId: await authorise(client, token, from, to, amount), otp: await otpFor(me) }
}

test.group('Inline risk rules on customer payments', () => {
  test('an ordinary payment books as before (201) and raises nothing', async ({ client, assert }) => {
    const { me, from, known, token } = await busyCustomer(client)
    const before = await account(from.id)
    ;(await pay(client, token, body(from, known, '12.00'))).assertStatus(201)
    assert.equal((await account(from.id)).balance, String(BigInt(before.balance) - 1200n))
    assert.lengthOf(await alertsOf(me.id), 0)
  })

  test('review: the money is held instead of moving, an alert is raised, a replay gives the same held payment', async ({ client, assert }) => {
    const { me, from, stranger, token } = await busyCustomer(client)
    const before = await account(from.id)
    const key = randomUUID()
    const sca = await withCode(client, me, token, from, stranger, '2500.00')
    const response = await pay(client, token, body(from, stranger, '2500.00', sca), key)
    response.assertStatus(202)
    const held = response.body().data
    assert.equal(held.status, 'pending_review')
    assert.isNull(held.id)

    const after = await account(from.id)
    assert.equal(after.balance, before.balance, 'nothing posted')
    assert.equal(after.available, String(BigInt(before.available) - 250000n), 'the amount is held')
    assert.equal(String((await account(stranger.id)).balance), '0')
    const hold = await db.from('holds').where('account_id', from.id).where('status', 'active').firstOrFail()
    assert.equal(String(hold.amount), '250000')
    const payment = await db.from('risk_held_payments').where('id', Number(held.heldPaymentId)).firstOrFail()
    assert.equal(payment.status, 'held')
    assert.equal(Number(payment.creditor_account_id), stranger.id)

    const [alert] = await alertsOf(me.id)
    assert.equal(alert.typology_id, 'account_takeover')
    assert.equal(alert.status, 'open')
    assert.equal(Number(alert.held_payment_id), Number(held.heldPaymentId))
    assert.equal(alert.configuration_version, 1)
    assert.includeMembers(alert.rules.map((rule: any) => rule.rule), ['velocity', 'amount_vs_pattern', 'new_payee_large'])

    const replay = await pay(client, token, body(from, stranger, '2500.00', sca), key)
    replay.assertStatus(202)
    assert.equal(replay.header('idempotent-replayed'), 'true')
    assert.equal(replay.body().data.heldPaymentId, held.heldPaymentId)
    assert.lengthOf(await db.from('holds').where('account_id', from.id), 1)
    assert.lengthOf(await alertsOf(me.id), 1)
  })

  test('block: the payment is refused with E_PAYMENT_BLOCKED, the balance unchanged, an alert raised', async ({ client, assert }) => {
    const { me, from, stranger, token } = await busyCustomer(client)
    for (let i = 0; i < 11; i++) {
      await AuditTrail.record({ actor: { type: 'customer', id: me.id }, action: 'auth.token.failed', subject: { type: 'customer', id: me.id }, ...NO_REQUEST, metadata: {} })
    }
    const before = await account(from.id)
    const sca = await withCode(client, me, token, from, stranger, '10000.01')
    const problem = assertProblem(assert, await pay(client, token, body(from, stranger, '10000.01', sca)), 422, 'E_PAYMENT_BLOCKED')
    assert.notInclude(JSON.stringify(problem), 'velocity', 'the reasons stay with the bank')
    assert.deepEqual(await account(from.id), before)
    assert.lengthOf(await db.from('holds').where('account_id', from.id), 0)
    const [alert] = await alertsOf(me.id)
    assert.equal(alert.typology_id, 'account_takeover')
    assert.equal(alert.severity, 'critical')
    assert.isTrue((await new LedgerVerifier().verify()).ok)
  })

  test('the same key twice at once holds the money once; two captures at once move it once; ledger:verify clean', async ({ client, assert }) => {
    const { me, from, known, token } = await busyCustomer(client)
    /* velocity high (12 payments in 10 minutes) + failed-login burst medium (6): review, and 20.00 to a known payee needs no code */
    for (let i = 0; i < 6; i++) (await pay(client, token, body(from, known, '10.00'))).assertStatus(201)
    for (let i = 0; i < 6; i++) {
      await AuditTrail.record({ actor: { type: 'customer', id: me.id }, action: 'auth.token.failed', subject: { type: 'customer', id: me.id }, ...NO_REQUEST, metadata: {} })
    }
    const before = await account(from.id)
    const key = randomUUID()
    const answers = await Promise.all([0, 1].map(() => pay(client, token, body(from, known, '20.00'), key)))
    /* the second one while the first is in flight: 409 E_IDEMPOTENCY_IN_FLIGHT (or a replay when it came after) */
    const statuses = answers.map((answer: any) => answer.status()).sort()
    assert.oneOf(JSON.stringify(statuses), ['[202,202]', '[202,409]'], JSON.stringify(answers.map((a: any) => a.body())))
    const first = answers.find((answer: any) => answer.status() === 202)!
    const retried = await pay(client, token, body(from, known, '20.00'), key)
    retried.assertStatus(202)
    assert.equal(retried.header('idempotent-replayed'), 'true')
    assert.equal(retried.body().data.heldPaymentId, first.body().data.heldPaymentId)
    assert.lengthOf(await db.from('holds').where('account_id', from.id), 1)
    assert.equal((await account(from.id)).available, String(BigInt(before.available) - 2000n))

    const heldPaymentId = Number(first.body().data.heldPaymentId)
    const settle = await app.container.make(SettleHeldPayment)
    const { staff: officer } = await createStaff({ role: 'compliance' })
    const staff = { type: 'staff' as const, id: officer.id }
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => settle.handle({ heldPaymentId, outcome: 'capture', actor: staff, context: NO_REQUEST }))
    )
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, outcomes.map((o: any) => String(o.reason)).join('; '))
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    assert.instanceOf(refused.reason, HeldPaymentSettledException)
    await assert.rejects(() => settle.handle({ heldPaymentId, outcome: 'release', actor: staff, context: NO_REQUEST }), HeldPaymentSettledException as any)

    const after = await account(from.id)
    assert.equal(after.balance, String(BigInt(before.balance) - 2000n), 'debited once')
    assert.equal(after.available, after.balance, 'the hold is gone')
    const payment = await db.from('risk_held_payments').where('id', heldPaymentId).firstOrFail()
    assert.equal(payment.status, 'captured')
    assert.lengthOf(await db.from('ledger_transactions').where('reference', 'Risk test').where('debtor_account_id', from.id).where('amount', 2000), 1)
    assert.isTrue((await new LedgerVerifier().verify()).ok)
  })
})
