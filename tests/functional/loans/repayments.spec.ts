import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import Loan from '#models/loan'
import RepayLoan, { type RepaymentRequest } from '#actions/loans/repay_loan'
import CollectLoanRepayments from '#actions/loans/collect_loan_repayments'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { loanInstalments } from '#queries/loans/loan_instalment_queries'
import { NO_REQUEST } from '#domain/audit/actor'
import { balances } from '#tests/helpers/ledger'
import { disbursedLoan } from '#tests/helpers/loans'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { DateTime } from 'luxon'

/**
 * Repayments by the borrower: an amount up to what is due, a prepayment
 * (the rest recomputed), a payoff. The loan: 1,200.00 over 12 months at
 * 9.9% from 2026-01-15, instalments due on the 15th.
 */
async function repay(loan: Loan, request: RepaymentRequest, businessDate: string, idempotencyKey = randomUUID()) {
  return (await app.container.make(RepayLoan)).handle({
    loanId: loan.id,
    ownerCustomerId: loan.customerId,
    request,
    idempotencyKey,
    actor: { type: 'customer', id: loan.customerId },
    context: NO_REQUEST,
    businessDate,
  })
}

async function ledgerClean(assert: any) {
  const report = await (await app.container.make(LedgerVerifier)).verify()
  assert.deepEqual(report.discrepancies, [])
}

/** The receivable equals what the instalments still owe in principal */
async function receivableMatchesSchedule(assert: any, loan: Loan) {
  const schedule = await loanInstalments(db.connection(), loan.id)
  const owed = schedule.reduce((sum, i) => sum + i.due.principal - i.paid.principal, 0n)
  assert.equal((await balances(loan.accountId!)).balance, owed)
  return schedule
}

test.group('RepayLoan', () => {
  test('an amount up to what is due is allocated like a collection, interest first', async ({ assert }) => {
    const { loan } = await disbursedLoan({ funds: '10.00' })
    const result = await repay(loan, { type: 'amount', amount: 50_00n }, '2026-02-16')
    const [first] = await loanInstalments(db.connection(), loan.id)
    assert.equal(result.repayment.amount, 50_00n)
    assert.equal(first.paid.interest, first.due.interest)
    assert.equal(first.paid.principal, 50_00n - first.due.interest)
    await receivableMatchesSchedule(assert, loan)
    await ledgerClean(assert)
  })

  test('a prepayment settles what is due, pays interest accrued on the prepaid part, and recomputes the rest exactly', async ({ assert }) => {
    const { loan } = await disbursedLoan({ funds: '10.00' })
    await (await app.container.make(CollectLoanRepayments)).handle({ businessDate: '2026-02-15' })
    const before = await loanInstalments(db.connection(), loan.id)
    const result = await repay(loan, { type: 'amount', amount: 300_00n }, '2026-03-01')

    assert.equal(result.repayment.amount, 300_00n)
    assert.equal(result.repayment.principal + result.repayment.interest, 300_00n)
    assert.isAbove(Number(result.repayment.interest), 0, '14 days of interest on the prepaid part')
    const after = await receivableMatchesSchedule(assert, loan)
    const remaining = after.slice(1)
    assert.equal(
      remaining.reduce((sum, i) => sum + i.due.principal, 0n),
      before.slice(1).reduce((sum, i) => sum + i.due.principal, 0n) - result.repayment.principal
    )
    const totals = remaining.map((i) => i.due.principal + i.due.interest)
    assert.isTrue(totals.slice(0, -1).every((t) => t === totals[0]), 'the remaining instalments stay equal')
    assert.isBelow(Number(totals[0]), Number(before[1].due.principal + before[1].due.interest))
    assert.lengthOf(after, 12, 'the number of instalments is unchanged')
    const [row] = await db.from('loan_repayments').where('transaction_id', result.repayment.transactionId)
    assert.lengthOf(row.schedule_before, 11)
    await ledgerClean(assert)
  })

  test('full repayment early: pays the payoff quote, waives later interest, and the loan is paid off at zero', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ funds: '200.00' })
    await (await app.container.make(CollectLoanRepayments)).handle({ businessDate: '2026-02-15' })
    const borrowerBefore = (await balances(account.id)).balance
    const result = await repay(loan, { type: 'full' }, '2026-03-15')

    const paidOff = await Loan.findOrFail(loan.id)
    assert.equal(paidOff.status, 'paid_off')
    assert.equal((await balances(loan.accountId!)).balance, 0n)
    assert.equal((await balances(account.id)).balance, borrowerBefore - result.repayment.amount)
    const schedule = await loanInstalments(db.connection(), loan.id)
    assert.isTrue(schedule.every((i) => i.settledAt !== null))
    assert.isTrue(schedule.slice(2).every((i) => i.due.interest === 0n), 'interest after the current period is waived')
    const repaidPrincipal = await db.from('loan_repayments').where('loan_id', loan.id).sum('principal as p').first()
    assert.equal(BigInt(repaidPrincipal.p), 1_200_00n)
    await assert.rejects(() => repay(paidOff, { type: 'full' }, '2026-03-16'), /paid off/)
    await ledgerClean(assert)
  })

  test('the same key replays; the same key for another amount is refused; more than the payoff is refused', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ funds: '10.00' })
    const key = randomUUID()
    const first = await repay(loan, { type: 'amount', amount: 20_00n }, '2026-02-16', key)
    const again = await repay(loan, { type: 'amount', amount: 20_00n }, '2026-02-16', key)
    assert.isTrue(again.replayed)
    assert.equal(again.repayment.id, first.repayment.id)
    await assert.rejects(() => repay(loan, { type: 'amount', amount: 21_00n }, '2026-02-16', key), /different request/)

    const balance = (await balances(account.id)).balance
    await assert.rejects(() => repay(loan, { type: 'amount', amount: 5_000_00n }, '2026-02-16'), /whole loan costs/)
    assert.equal((await balances(account.id)).balance, balance)
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 1)
    await ledgerClean(assert)
  })

  test('two payoffs at once with different keys: one pays, the other finds the loan paid off', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ funds: '100.00' })
    const results = await Promise.allSettled([repay(loan, { type: 'full' }, '2026-02-01'), repay(loan, { type: 'full' }, '2026-02-01')])
    assert.sameMembers(results.map((r) => r.status), ['fulfilled', 'rejected'])
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 1)
    assert.equal((await balances(loan.accountId!)).balance, 0n)
    assert.isAbove(Number((await balances(account.id)).balance), 0)
    await ledgerClean(assert)
  })
})

test.group('API: repaying a loan', () => {
  test('a quote, then a full repayment with an Idempotency-Key: 201, replayed with the same key, the loan paid off', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const { loan } = await disbursedLoan({ funds: '100.00', customerId: customer.id, startDate: DateTime.utc().minus({ days: 10 }).toISODate()! })
    const token = await tokenFor(customer.id)

    const quote = await client.get(`/api/v1/loans/${loan.id}/payoff-quote`).bearerToken(token)
    quote.assertStatus(200)
    assert.equal(quote.body().data.principalNotYetDue.amount, '1200.00')

    const key = randomUUID()
    const paid = await client.post(`/api/v1/loans/${loan.id}/repayments`).bearerToken(token).header('Idempotency-Key', key).json({ type: 'full' })
    paid.assertStatus(201)
    assert.equal(paid.body().data.amount.amount, quote.body().data.total.amount)
    assert.equal(paid.body().data.loanStatus, 'paid_off')
    const again = await client.post(`/api/v1/loans/${loan.id}/repayments`).bearerToken(token).header('Idempotency-Key', key).json({ type: 'full' })
    again.assertStatus(201)
    again.assertHeader('idempotent-replayed', 'true')
    assert.equal(again.body().data.id, paid.body().data.id)
  })

  test('refusals: no key or no amount 422, more than the payoff 422, a loan of another customer 404; nothing moves', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const { loan, account } = await disbursedLoan({ funds: '100.00', customerId: customer.id })
    const token = await tokenFor(customer.id)
    const before = (await balances(account.id)).balance
    const url = `/api/v1/loans/${loan.id}/repayments`

    const noKey = await client.post(url).bearerToken(token).json({ type: 'full' })
    assertProblem(assert, noKey, 422, 'E_VALIDATION_ERROR')
    const noAmount = await client.post(url).bearerToken(token).header('Idempotency-Key', randomUUID()).json({ type: 'amount' })
    assertProblem(assert, noAmount, 422, 'E_VALIDATION_ERROR')
    const tooMuch = await client.post(url).bearerToken(token).header('Idempotency-Key', randomUUID())
      .json({ type: 'amount', amount: { amount: '99999.00', currency: 'GBP' } })
    assertProblem(assert, tooMuch, 422, 'E_LOAN_REPAYMENT_REFUSED')

    const stranger = await createApiCustomer()
    const foreign = await client.post(url).bearerToken(await tokenFor(stranger.id)).header('Idempotency-Key', randomUUID()).json({ type: 'full' })
    assertProblem(assert, foreign, 404, 'E_LOAN_NOT_FOUND')
    assert.equal((await balances(account.id)).balance, before)
    assert.lengthOf(await db.from('loan_repayments').where('loan_id', loan.id), 0)
  })
})
