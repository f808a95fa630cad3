import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import SeedDemoBank from '#actions/demo/seed_demo_bank'
import SeedDemoLoans from '#actions/demo/seed_demo_loans'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { DEMO_LOANS } from '#database/demo/demo_loans'

test.group('demo:seed loans', () => {
  test('brings a demo loan to every stage through the loans actions, once, with the ledger clean', async ({ assert }) => {
    await (await app.container.make(SeedDemoBank)).handle({ customers: 20 })
    const seed = await app.container.make(SeedDemoLoans)
    const created = await seed.handle({ customers: 20 })
    assert.equal(await seed.handle({ customers: 20 }), 0, 'a second run creates nothing')

    const purposes = DEMO_LOANS.map((loan) => loan.purpose)
    const loans = await db.from('loans').whereIn('purpose', purposes).select('purpose', 'status', 'days_past_due')
    assert.isAtMost(created, DEMO_LOANS.length)
    const stageOf = new Map(loans.map((loan) => [loan.purpose, loan.status]))
    for (const demo of DEMO_LOANS) assert.equal(stageOf.get(demo.purpose), demo.stage, demo.purpose)
    const arrears = loans.find((loan) => loan.status === 'in_arrears')
    assert.isAbove(arrears.days_past_due, 0)
    const collected = await db.from('loan_repayments').whereIn('loan_id', db.from('loans').whereIn('purpose', purposes).select('id'))
    assert.isAtLeast(collected.length, 2)

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
  }).timeout(180_000)
})
