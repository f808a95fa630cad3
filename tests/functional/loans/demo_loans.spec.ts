import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import SeedDemoBank from '#actions/demo/seed_demo_bank'
import SeedDemoLoans from '#actions/demo/seed_demo_loans'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { DEMO_LOANS } from '#database/demo/demo_loans'
import { demoAccountNumber } from '#database/demo/demo_bank'

test.group('demo:seed loans', () => {
  test('brings a demo loan to every stage through the loans actions, once, with the ledger clean', async ({ assert }) => {
    await (await app.container.make(SeedDemoBank)).handle({ customers: 20 })
    const seed = await app.container.make(SeedDemoLoans)
    const created = await seed.handle({ customers: 20 })
    assert.equal(await seed.handle({ customers: 20 }), 0, 'a second run creates nothing')

    assert.isAtMost(created, DEMO_LOANS.length)
    const loans = []
    for (const demo of DEMO_LOANS) {
      const account = await db.from('accounts').where('number', demoAccountNumber(demo.customer, demo.account, 'GBP')).firstOrFail()
      /* the purpose is sealed: found among the customer's loans as the model opens them */
      const found = (await Loan.query().where('customer_id', account.customer_id)).find((candidate) => candidate.purpose === demo.purpose)
      assert.exists(found, demo.purpose)
      const loan = await db.from('loans').where('id', found!.id).firstOrFail()
      assert.equal(loan.status, demo.stage, demo.purpose)
      loans.push(loan)
    }
    assert.isAbove(loans.find((loan) => loan.status === 'in_arrears').days_past_due, 0)
    const collected = await db.from('loan_repayments').whereIn('loan_id', loans.map((loan) => loan.id))
    assert.isAtLeast(collected.length, 2)

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
  }).timeout(180_000)
})
