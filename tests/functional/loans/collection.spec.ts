import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import CollectLoanRepayments from '#actions/loans/collect_loan_repayments'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { loanInstalments } from '#queries/loans/loan_instalment_queries'
import { balances, setStatus, system } from '#tests/helpers/ledger'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import { Money } from '#domain/money/money'
import { randomUUID } from 'node:crypto'
import { disbursedLoan } from '#tests/helpers/loans'
import DispatchNotification from '#actions/notifications/dispatch_notification'
import { dispatchJobs, notificationsOf } from '#tests/functional/notifications/outbox_jobs'

/**
 * loans:collect over simulated business dates. The loan: 1,200.00 over 12
 * months at 9.9% from 2026-01-15 (first due 2026-02-15), 1% fee, penalty
 * 15.00 after 5 grace days. Every scenario ends with ledger:verify clean.
 */
async function collect(businessDate: string) {
  return (await app.container.make(CollectLoanRepayments)).handle({ businessDate })
}

/** Works the customer's queued notices (as the worker would); the instalment each in-app notice of `event` names */
async function noticesOf(customerId: number, event: string) {
  const dispatch = await app.container.make(DispatchNotification)
  for (const job of await dispatchJobs(customerId, event)) await dispatch.handle(job.data)
  const rows = await notificationsOf(customerId)
  return rows.filter((row) => row.event === event).map((row) => row.data?.instalment ?? '')
}

async function ledgerClean(assert: any) {
  const report = await (await app.container.make(LedgerVerifier)).verify()
  assert.deepEqual(report.discrepancies, [])
}

/** What one transaction credited to the bank's GBP account `code` */
async function creditedTo(code: string, transactionId: number) {
  const [row] = (
    await db.rawQuery(
      `select coalesce(sum(e.amount), 0)::text as credited from ledger_entries e join accounts a on a.id = e.account_id
        where a.system_code = ? and a.currency = 'GBP' and e.transaction_id = ? and e.direction = 'credit'`,
      [code, transactionId]
    )
  ).rows
  return BigInt(row.credited)
}

const owedOn = (instalment: { due: Record<string, bigint> }) =>
  instalment.due.principal + instalment.due.interest + instalment.due.fee + instalment.due.penalty

test.group('loans:collect', () => {
  test('on time: the instalment due is taken in full, principal to the receivable and interest to income', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ funds: '500.00' })
    const [first] = await loanInstalments(db.connection(), loan.id)
    const before = (await balances(account.id)).balance

    const summary = await collect('2026-02-15')
    assert.isAtLeast(summary.outcomes.collected, 1)
    assert.equal((await balances(account.id)).balance, before - owedOn(first))
    assert.equal((await balances(loan.accountId!)).balance, 1_200_00n - first.due.principal)
    const [repayment] = await db.from('loan_repayments').where('loan_id', loan.id)
    assert.equal(await creditedTo('interest_income', repayment.transaction_id), first.due.interest)
    const [paid] = await loanInstalments(db.connection(), loan.id)
    assert.isNotNull(paid.settledAt)
    assert.equal((await Loan.findOrFail(loan.id)).status, 'active')
    await ledgerClean(assert)
  })

  test('twice for one date posts once; a date with nothing due posts nothing', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ funds: '500.00' })
    await collect('2026-02-14')
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 0)
    await collect('2026-02-15')
    const afterFirst = (await balances(account.id)).balance
    const second = await collect('2026-02-15')
    assert.equal(second.outcomes.collected, 0)
    assert.equal((await balances(account.id)).balance, afterFirst)
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 1)
    const runs = await db.from('audit_events').where('action', 'loans.collection.ran').whereRaw(`subject_id = '2026-02-15'`)
    assert.isAtLeast(runs.length, 2, 'one audit row per run')
    await ledgerClean(assert)
  })

  test('partial: short funds are taken as far as they go, never into an overdraft, interest before principal', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ funds: '0.01' })
    /* leave 20.00 of what the disbursement paid in */
    const available = (await balances(account.id)).available
    await (await app.container.make(PostWithdrawal)).handle({
      accountId: account.id,
      amount: Money.fromMinorString((available - 20_00n).toString(), 'GBP'),
      idempotencyKey: randomUUID(),
      actor: system,
    })
    await collect('2026-02-15')
    const [repayment] = await db.from('loan_repayments').where('loan_id', loan.id)
    assert.equal(BigInt(repayment.amount), 20_00n)
    assert.equal((await balances(account.id)).available, 0n)
    const [first] = await loanInstalments(db.connection(), loan.id)
    assert.equal(first.paid.interest, first.due.interest, 'interest is paid before principal')
    assert.equal(first.paid.principal, 20_00n - first.due.interest)
    assert.isNull(first.settledAt)
    await ledgerClean(assert)
  })

  test('missed, in arrears with a penalty after the grace days, then caught up and active again', async ({ assert }) => {
    const { loan, account, customerId } = await disbursedLoan({ funds: '0.01' })
    await setStatus(account.id, 'frozen')
    const missed = await collect('2026-02-15')
    assert.isAtLeast(missed.outcomes.missed, 1)
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 0)
    assert.equal((await Loan.findOrFail(loan.id)).status, 'active', 'due today is not yet overdue')

    await collect('2026-02-18')
    const late = await Loan.findOrFail(loan.id)
    assert.equal(late.status, 'in_arrears')
    assert.equal(late.daysPastDue, 3)
    assert.equal((await loanInstalments(db.connection(), loan.id))[0].due.penalty, 0n, 'within the 5 grace days')

    await collect('2026-02-21')
    assert.equal((await loanInstalments(db.connection(), loan.id))[0].due.penalty, 15_00n)
    await collect('2026-02-22')
    assert.equal((await loanInstalments(db.connection(), loan.id))[0].due.penalty, 15_00n, 'charged once')

    await setStatus(account.id, 'active')
    await collect('2026-02-23')
    const caughtUp = await Loan.findOrFail(loan.id)
    assert.equal(caughtUp.status, 'active')
    assert.equal(caughtUp.daysPastDue, 0)
    const [caughtUpPayment] = await db.from('loan_repayments').where('loan_id', loan.id)
    assert.equal(await creditedTo('fee_income', caughtUpPayment.transaction_id), 15_00n, 'the penalty went to fee income')
    const audit = await db.from('audit_events').where({ subject_type: 'loan', subject_id: String(loan.id) }).orderBy('id')
    assert.includeMembers(audit.map((a) => a.action), ['loans.loan.in_arrears', 'loans.loan.active'])
    assert.deepEqual(await noticesOf(customerId, 'loan_repayment_missed'), ['1'], 'told once of the missed instalment 1')
    await ledgerClean(assert)
  })

  test('twelve monthly collections pay the loan off: the receivable ends at exactly zero', async ({ assert }) => {
    const { loan, customerId } = await disbursedLoan({ funds: '200.00' })
    const schedule = await loanInstalments(db.connection(), loan.id)
    for (const instalment of schedule) {
      await collect(instalment.dueDate)
    }
    const done = await Loan.findOrFail(loan.id)
    assert.equal(done.status, 'paid_off')
    assert.isNotNull(done.closedAt)
    assert.equal((await balances(loan.accountId!)).balance, 0n)
    const repaid = await db.from('loan_repayments').where('loan_id', loan.id).sum('principal as p').first()
    assert.equal(BigInt(repaid.p), 1_200_00n)
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 12)
    assert.lengthOf(await noticesOf(customerId, 'loan_paid_off'), 1)
    assert.lengthOf(await noticesOf(customerId, 'loan_repayment_missed'), 0)
    await ledgerClean(assert)
  })

  test('reminds the borrower three days before an instalment falls due, once however often it runs', async ({ assert }) => {
    const { customerId } = await disbursedLoan({ funds: '500.00', startDate: '2026-01-20' })
    const first = await collect('2026-02-17')
    assert.isAtLeast(first.reminders, 1)
    await collect('2026-02-17')
    assert.deepEqual(await noticesOf(customerId, 'loan_repayment_due'), ['1'])
  })

  test('node ace loans:collect runs the batch for a date and prints its summary; a bad date exits 1', async ({ assert }) => {
    const { loan } = await disbursedLoan({ funds: '500.00', startDate: '2026-03-10' })
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['ace', 'loans:collect', ...args], { cwd: app.appRoot.pathname, env: process.env })
    const { stdout } = await run(['--date=2026-04-10'])
    assert.match(stdout, /2026-04-10: \d+ loans due — \d+ collected in full/)
    assert.lengthOf(await db.from('loan_repayments').where({ loan_id: loan.id, business_date: '2026-04-10' }), 1)
    await assert.rejects(() => run(['--date=2026-02-30']), /calendar date/)
  }).timeout(60_000)
})
