import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import PostDeposit from '#actions/ledger/post_deposit'
import ScoreEvent from '#actions/risk/score_event'
import { Money } from '#domain/money/money'
import { createCustomer, key, openAccount, teller } from '#tests/helpers/ledger'

/**
 * The scoring after commit ('risk.score') and `node ace risk:scan`: three
 * cash deposits just below the 10,000.00 reporting threshold within days
 * are structuring (a money-laundering typology: an alert, nothing held).
 */
async function ace(...args: string[]) {
  return promisify(execFile)(process.execPath, ['ace', ...args], { cwd: app.appRoot.pathname, env: process.env })
    .then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }))
    .catch((error) => ({ code: error.code as number, output: String(error.stdout) + String(error.stderr) }))
}

/** A customer who paid in 9,500.00 in cash three times; the ids of the three deposits */
async function structuringCustomer() {
  const customerId = await createCustomer()
  const account = await openAccount(customerId)
  const deposit = await app.container.make(PostDeposit)
  const ids: number[] = []
  for (let i = 0; i < 3; i++) {
    const { transaction } = await deposit.handle({
      accountId: account.id,
      amount: Money.fromDecimal('9500.00', 'GBP'),
      idempotencyKey: key(),
      actor: teller,
    })
    ids.push(transaction.id)
  }
  return { customerId, ids }
}

const alertsOf = (customerId: number) => db.from('risk_alerts').where('customer_id', customerId).orderBy('id')

test.group('Risk scoring after commit and risk:scan', () => {
  test('the third deposit just below the threshold raises one structuring alert, once', async ({ assert }) => {
    const { customerId, ids } = await structuringCustomer()
    const score = await app.container.make(ScoreEvent)
    const second = await score.handle({ event: 'ledger_transaction', subjectId: String(ids[1]) })
    assert.lengthOf(second.alerts, 0, 'two deposits are not yet more than two')
    const third = await score.handle({ event: 'ledger_transaction', subjectId: String(ids[2]) })
    assert.equal(third.decision, 'alert', 'money laundering only ever alerts')
    assert.deepEqual(third.alerts.map((alert) => alert.typologyId), ['structuring'])
    const again = await score.handle({ event: 'ledger_transaction', subjectId: String(ids[2]) })
    assert.isFalse(again.alerts[0].raised, 'a re-delivered job raises nothing new')

    const [alert] = await alertsOf(customerId)
    assert.equal(alert.typology_kind, 'money_laundering')
    assert.equal(Number(alert.transaction_id), ids[2])
    assert.isNull(alert.held_payment_id)
    assert.include(JSON.stringify(alert.rules), 'structuring')
    assert.lengthOf(await db.from('holds').where('account_id', alert.account_id), 0, 'nothing held: no tipping off')
  })

  test('risk:scan raises what the rules would have raised, once; --rule limits it to one rule', async ({ assert }) => {
    const since = new Date(Date.now() - 1000).toISOString()
    const { customerId } = await structuringCustomer()

    const onlyVelocity = await ace('risk:scan', `--since=${since}`, '--rule=velocity')
    assert.equal(onlyVelocity.code, 0, onlyVelocity.output)
    assert.lengthOf(await alertsOf(customerId), 0, 'velocity alone raises nothing here')

    const first = await ace('risk:scan', `--since=${since}`)
    assert.equal(first.code, 0, first.output)
    assert.match(first.output, /Scanned \d+ postings with configuration v\d+: \d+ alerted, [1-9]\d* new alerts/)
    const alerts = await alertsOf(customerId)
    assert.deepEqual(alerts.map((alert) => alert.typology_id), ['structuring'])

    const second = await ace('risk:scan', `--since=${since}`)
    assert.match(second.output, /, 0 new alerts, [1-9]\d* already raised/)
    assert.lengthOf(await alertsOf(customerId), 1)
  }).timeout(120_000)

  test('risk:scan refuses a bad date or an unknown rule', async ({ assert }) => {
    const badDate = await ace('risk:scan', '--since=yesterday')
    assert.equal(badDate.code, 1)
    assert.include(badDate.output, 'ISO 8601')
    const badRule = await ace('risk:scan', '--since=2026-01-01', '--rule=astrology')
    assert.equal(badRule.code, 1)
    assert.include(badRule.output, 'Unknown rule "astrology"')
  }).timeout(60_000)
})
