import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import Loan from '#models/loan'
import type StaffUser from '#models/staff_user'
import CollectLoan from '#actions/loans/collect_loan'
import CollectLoanRepayments from '#actions/loans/collect_loan_repayments'
import BookLoanRepayment from '#actions/loans/book_loan_repayment'
import DecideApproval from '#actions/approvals/decide_approval'
import RequestApproval from '#actions/approvals/request_approval'
import RequestLoanWriteOff from '#actions/loans/request_loan_write_off'
import RequestRepaymentReversal from '#actions/loans/request_repayment_reversal'
import { lockLoan } from '#actions/loans/lock_loan'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { loanInstalments } from '#queries/loans/loan_instalment_queries'
import { payloadLines } from '#domain/approvals/payload_display'
import { addDays, addMonthsClamped, daysBetween } from '#domain/loans/loan_dates'
import { NO_REQUEST } from '#domain/audit/actor'
import { balances } from '#tests/helpers/ledger'
import { disbursedLoan } from '#tests/helpers/loans'
import { createStaff } from '#tests/helpers/staff'

/**
 * Write-off and reversal of a mistaken repayment, both four-eyes. The
 * loans: 1,200.00 over 12 months at 9.9% (tests/helpers/loans), started
 * in the past so that instalments are due before today (the business
 * date the approved actions run on). Every scenario ends with
 * ledger:verify clean.
 */
const today = () => DateTime.utc().toISODate()!
/** A start date whose first instalment fell due `daysAgo` days ago (and `months` instalments are due) */
const startedFor = (months: number, daysAgo: number) => addDays(addMonthsClamped(today(), -months), -daysAgo)

async function ledgerClean(assert: any) {
  const report = await (await app.container.make(LedgerVerifier)).verify()
  assert.deepEqual(report.discrepancies, [])
}

/** Net debit (debit − credit) of the bank's account of that system code in GBP */
async function netDebit(code: string) {
  const [row] = (
    await db.rawQuery(
      `select coalesce(sum(case e.direction when 'debit' then e.amount else -e.amount end), 0)::text as net
         from ledger_entries e join accounts a on a.id = e.account_id where a.system_code = ? and a.currency = 'GBP'`,
      [code]
    )
  ).rows
  return BigInt(row.net)
}

async function collect(loanId: number, businessDate: string) {
  return (await app.container.make(CollectLoan)).handle({ loanId, businessDate })
}

async function staffOf(role: 'admin' | 'teller' | 'loan_officer' | 'compliance') {
  return (await createStaff({ role })).staff
}

async function requestWriteOff(loanId: number, staff: StaffUser, reason = 'Borrower insolvent; recovery uneconomic', key = randomUUID()) {
  return (await app.container.make(RequestLoanWriteOff)).handle({ loanId, reason, idempotencyKey: key, staff, context: NO_REQUEST })
}

async function requestReversal(loanId: number, repaymentId: number, staff: StaffUser, key = randomUUID()) {
  return (await app.container.make(RequestRepaymentReversal)).handle({
    loanId, repaymentId, reason: 'Collected twice by mistake', idempotencyKey: key, staff, context: NO_REQUEST,
  })
}

async function decide(approvalId: number, checker: StaffUser, decision: 'approve' | 'reject' = 'approve') {
  return (await app.container.make(DecideApproval)).handle({ approvalId, checker, decision, context: NO_REQUEST })
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error: any) {
    return error.code as string
  }
  return 'no error'
}

const repaymentsOf = (loanId: number) => db.from('loan_repayments').where('loan_id', loanId).orderBy('id')

test.group('Loan write-off (four-eyes)', () => {
  test('needs a reason, the write-off permission and a second person; one request at a time', async ({ assert }) => {
    const { loan } = await disbursedLoan({ startDate: startedFor(1, 10) })
    const [officer, teller, otherOfficer, checker] = [
      await staffOf('loan_officer'), await staffOf('teller'), await staffOf('loan_officer'), await staffOf('compliance'),
    ]
    assert.equal(await codeOf(requestWriteOff(loan.id, teller)), 'E_AUTHORIZATION_FAILURE')
    assert.equal(await codeOf(requestWriteOff(loan.id, officer, '   ')), 'E_REASON_REQUIRED')

    const key = randomUUID()
    const { approval } = await requestWriteOff(loan.id, officer, 'Borrower insolvent', key)
    assert.equal(approval.kind, 'loans.write_off')
    assert.isTrue((await requestWriteOff(loan.id, officer, 'Borrower insolvent', key)).replayed, 'a resubmitted form')
    assert.equal(await codeOf(requestWriteOff(loan.id, otherOfficer)), 'E_LOAN_WRITE_OFF_PENDING')

    assert.equal(await codeOf(decide(approval.id, officer)), 'E_FOUR_EYES', 'the maker cannot approve')
    assert.equal(await codeOf(decide(approval.id, otherOfficer)), 'E_AUTHORIZATION_FAILURE', 'a loan officer does not decide money')
    assert.equal((await Loan.findOrFail(loan.id)).status, 'active')
    assert.equal((await balances(loan.accountId!)).balance, 1_200_00n, 'nothing moved before a checker approved')

    await decide(approval.id, checker, 'reject')
    assert.equal((await Loan.findOrFail(loan.id)).status, 'active', 'rejected: the loan runs on')
    const again = await requestWriteOff(loan.id, otherOfficer)
    assert.isFalse(again.replayed, 'a rejected request no longer blocks a new one')
    await ledgerClean(assert)
  })

  test('books exactly the principal outstanding as a loss: receivable zero, written off, never collected again', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startedFor(2, 10), funds: '0.01' })
    const [first] = await loanInstalments(db.connection(), loan.id)
    await collect(loan.id, first.dueDate)
    const outstanding = 1_200_00n - first.due.principal
    assert.equal((await balances(loan.accountId!)).balance, outstanding)
    const lossesBefore = await netDebit('loan_losses')
    const interestBefore = -(await netDebit('interest_income'))

    const { approval } = await requestWriteOff(loan.id, await staffOf('loan_officer'))
    assert.include(approval.payload, { outstandingPrincipal: outstanding.toString(), currency: 'GBP' })
    await decide(approval.id, await staffOf('admin'))

    assert.equal((await balances(loan.accountId!)).balance, 0n)
    assert.equal((await netDebit('loan_losses')) - lossesBefore, outstanding)
    assert.equal(-(await netDebit('interest_income')), interestBefore, 'unpaid interest was never income: nothing booked for it')
    const written = await Loan.findOrFail(loan.id)
    assert.equal(written.status, 'written_off')
    assert.isNotNull(written.closedAt)
    const row = (await repaymentsOf(loan.id)).at(-1)
    assert.include(row, { kind: 'write_off', amount: outstanding.toString(), principal: outstanding.toString(), interest: '0' })
    const allocated = row.allocation.reduce((sum: bigint, line: { principal: string }) => sum + BigInt(line.principal), 0n)
    assert.equal(allocated, outstanding, 'the allocation records the principal written off per instalment')
    const txn = await db.from('ledger_transactions').where('id', row.transaction_id).firstOrFail()
    assert.equal(txn.kind, 'loan_write_off')
    assert.isNotNull(await db.from('audit_events').where({ action: 'ledger.loan_write_off.posted', subject_id: String(txn.id) }).first())
    const audit = await db.from('audit_events').where({ action: 'loans.loan.written_off', subject_id: String(loan.id) }).firstOrFail()
    assert.equal(audit.after.reason, 'Borrower insolvent; recovery uneconomic')

    const borrowerBefore = await balances(account.id)
    assert.equal((await collect(loan.id, today())).outcome, 'not_collectable')
    const summary = await (await app.container.make(CollectLoanRepayments)).handle({ businessDate: today() })
    assert.notInclude(summary.failed.map((f) => f.loanId), loan.id)
    assert.deepEqual(await balances(account.id), borrowerBefore, 'the borrower is not collected from')
    assert.lengthOf(await repaymentsOf(loan.id), 2)
    assert.equal(await codeOf(requestWriteOff(loan.id, await staffOf('loan_officer'))), 'E_LOAN_NOT_OPEN')
    await ledgerClean(assert)
  })
})

test.group('Reversal of a mistaken loan repayment (four-eyes)', () => {
  test('puts back the borrower, the receivable, the income and the instalments exactly, and the loan into arrears', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startedFor(1, 10), funds: '500.00' })
    const before = {
      borrower: await balances(account.id),
      receivable: (await balances(loan.accountId!)).balance,
      interest: await netDebit('interest_income'),
      fees: await netDebit('fee_income'),
      schedule: await loanInstalments(db.connection(), loan.id),
    }
    const [first] = before.schedule
    assert.equal((await collect(loan.id, first.dueDate)).outcome, 'collected')
    assert.equal((await Loan.findOrFail(loan.id)).status, 'active')
    const [repayment] = await repaymentsOf(loan.id)

    const teller = await staffOf('teller')
    assert.equal(await codeOf(requestReversal(loan.id, repayment.id, await staffOf('loan_officer'))), 'E_AUTHORIZATION_FAILURE')
    const { approval } = await requestReversal(loan.id, repayment.id, teller)
    assert.equal(await codeOf(decide(approval.id, teller)), 'E_FOUR_EYES')
    assert.lengthOf(await repaymentsOf(loan.id), 1, 'nothing reversed before a checker approved')
    await decide(approval.id, await staffOf('compliance'))

    assert.deepEqual(await balances(account.id), before.borrower)
    assert.equal((await balances(loan.accountId!)).balance, before.receivable)
    assert.equal(await netDebit('interest_income'), before.interest)
    assert.equal(await netDebit('fee_income'), before.fees)
    assert.deepEqual(await loanInstalments(db.connection(), loan.id), before.schedule)

    const reversal = (await repaymentsOf(loan.id)).at(-1)
    assert.include(reversal, { kind: 'reversal', reverses_id: repayment.id, amount: repayment.amount, interest: repayment.interest })
    const txn = await db.from('ledger_transactions').where('id', reversal.transaction_id).firstOrFail()
    assert.include(txn, { kind: 'reversal', reverses_id: repayment.transaction_id })
    const after = await Loan.findOrFail(loan.id)
    assert.equal(after.status, 'in_arrears', 'the instalment it paid is overdue again')
    assert.equal(after.daysPastDue, daysBetween(first.dueDate, today()))
    assert.isNotNull(await db.from('audit_events').where({ action: 'ledger.loan_repayment.reversed', subject_id: String(repayment.transaction_id) }).first())
    await ledgerClean(assert)
  })

  test('only the latest repayment still standing, once; a reversal is not reversed', async ({ assert }) => {
    const { loan } = await disbursedLoan({ startDate: startedFor(2, 10), funds: '500.00' })
    const [first, second] = await loanInstalments(db.connection(), loan.id)
    await collect(loan.id, first.dueDate)
    await collect(loan.id, second.dueDate)
    const [older, latest] = await repaymentsOf(loan.id)
    const teller = await staffOf('teller')
    const checker = await staffOf('admin')

    assert.equal(await codeOf(requestReversal(loan.id, older.id, teller)), 'E_LOAN_REPAYMENT_NOT_REVERSIBLE')
    assert.equal(await codeOf(requestReversal(loan.id, 999_999_999, teller)), 'E_LOAN_REPAYMENT_NOT_FOUND')
    await decide((await requestReversal(loan.id, latest.id, teller)).approval.id, checker)
    assert.equal(await codeOf(requestReversal(loan.id, latest.id, teller)), 'E_LOAN_REPAYMENT_ALREADY_REVERSED')
    const reversal = (await repaymentsOf(loan.id)).at(-1)
    assert.equal(await codeOf(requestReversal(loan.id, reversal.id, teller)), 'E_LOAN_REPAYMENT_NOT_REVERSIBLE')

    /* the earlier one is now the latest standing */
    await decide((await requestReversal(loan.id, older.id, teller)).approval.id, checker)
    const schedule = await loanInstalments(db.connection(), loan.id)
    assert.isTrue(schedule.every((i) => i.paid.principal + i.paid.interest + i.paid.fee + i.paid.penalty === 0n && i.settledAt === null))
    assert.equal((await balances(loan.accountId!)).balance, 1_200_00n)
    await ledgerClean(assert)
  })

  test('a paid-off loan is not reopened: the reversal of its last repayment is refused', async ({ assert }) => {
    const { loan } = await disbursedLoan({ startDate: startedFor(7, 3), termCount: 6, funds: '500.00' })
    for (const instalment of await loanInstalments(db.connection(), loan.id)) await collect(loan.id, instalment.dueDate)
    assert.equal((await Loan.findOrFail(loan.id)).status, 'paid_off')
    const last = (await repaymentsOf(loan.id)).at(-1)
    assert.equal(await codeOf(requestReversal(loan.id, last.id, await staffOf('teller'))), 'E_LOAN_NOT_OPEN')
    await ledgerClean(assert)
  })

  test('two checkers approving the same reversal at once, or two requests for one repayment, book it once', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startedFor(1, 10), funds: '500.00' })
    const borrowerBefore = (await balances(account.id)).balance
    await collect(loan.id, (await loanInstalments(db.connection(), loan.id))[0].dueDate)
    const [repayment] = await repaymentsOf(loan.id)
    const [tellerA, tellerB] = [await staffOf('teller'), await staffOf('teller')]

    const requests = await Promise.allSettled([requestReversal(loan.id, repayment.id, tellerA), requestReversal(loan.id, repayment.id, tellerB)])
    assert.lengthOf(requests.filter((r) => r.status === 'fulfilled'), 1, 'one request per loan at a time')
    assert.equal((requests.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code, 'E_LOAN_REPAYMENT_REVERSAL_PENDING')
    const { approval } = (requests.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<any>).value

    /* a second approval for the same repayment, filed around the one-at-a-time rule */
    const twin = await (await app.container.make(RequestApproval)).handle({
      kind: 'loans.repayment_reversal', summary: 'twin', payload: approval.payload, maker: tellerA,
      idempotencyKey: randomUUID(), context: NO_REQUEST,
    })
    const [admin, compliance, compliance2] = [await staffOf('admin'), await staffOf('compliance'), await staffOf('compliance')]
    const decisions = await Promise.allSettled([
      decide(approval.id, admin), decide(approval.id, compliance), decide(twin.approval.id, compliance2),
    ])
    assert.lengthOf(decisions.filter((d) => d.status === 'fulfilled'), 1)
    const refusals = decisions.filter((d) => d.status === 'rejected').map((d) => (d as PromiseRejectedResult).reason.code).sort()
    assert.includeMembers(['E_APPROVAL_ALREADY_DECIDED', 'E_LOAN_REPAYMENT_ALREADY_REVERSED'], refusals)

    assert.lengthOf((await repaymentsOf(loan.id)).filter((r) => r.kind === 'reversal'), 1)
    assert.lengthOf(await db.from('ledger_transactions').where('reverses_id', repayment.transaction_id), 1)
    assert.equal((await balances(account.id)).balance, borrowerBefore)
    assert.equal((await db.from('approvals').whereIn('id', [approval.id, twin.approval.id]).where('status', 'approved')).length, 1)
    await ledgerClean(assert)
  })

  test('a prepayment is restored from its schedule_before; without one it is refused', async ({ assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startedFor(1, 10), funds: '500.00' })
    const borrowerBefore = (await balances(account.id)).balance
    const scheduleBefore = await loanInstalments(db.connection(), loan.id)
    const last = scheduleBefore.at(-1)!

    /* a prepayment of 100.00 principal that took it off the last instalment (the rewrite is the caller's) */
    const prepay = (kept: boolean) =>
      db.transaction(async (trx) => {
        const locked = await lockLoan(trx, loan.id)
        await trx.from('loan_instalments').where({ loan_id: loan.id, number: last.number })
          .update({ principal: (last.due.principal - 100_00n).toString() })
        return (await app.container.make(BookLoanRepayment)).handle({
          trx, loan: locked, kind: 'repayment', businessDate: today(),
          allocation: { lines: [], totals: { principal: 0n, interest: 0n, fee: 0n, penalty: 0n, total: 0n }, unallocated: 0n },
          prepaid: { principal: 100_00n, interest: 0n },
          scheduleBefore: kept
            ? [{ number: last.number, principal: last.due.principal.toString(), interest: last.due.interest.toString() }]
            : undefined,
          key: randomUUID(), actor: { type: 'system', id: 'tests' }, context: NO_REQUEST,
        })
      })
    const teller = await staffOf('teller')
    const { repaymentId } = await prepay(true)
    assert.equal((await balances(loan.accountId!)).balance, 1_100_00n)
    await decide((await requestReversal(loan.id, repaymentId!, teller)).approval.id, await staffOf('admin'))
    assert.deepEqual(await loanInstalments(db.connection(), loan.id), scheduleBefore)
    assert.equal((await balances(loan.accountId!)).balance, 1_200_00n)
    assert.equal((await balances(account.id)).balance, borrowerBefore)

    const blind = await prepay(false)
    assert.equal(await codeOf(requestReversal(loan.id, blind.repaymentId!, teller)), 'E_LOAN_REPAYMENT_NOT_REVERSIBLE')
    await ledgerClean(assert)
  })

  test('the approvals inbox shows both kinds with their amounts as money', async ({ assert }) => {
    const { loan } = await disbursedLoan({ startDate: startedFor(1, 10), funds: '500.00' })
    await collect(loan.id, (await loanInstalments(db.connection(), loan.id))[0].dueDate)
    const [repayment] = await repaymentsOf(loan.id)
    const reversal = (await requestReversal(loan.id, repayment.id, await staffOf('teller'))).approval
    const amount = `${(BigInt(repayment.amount) / 100n).toString()}.${(BigInt(repayment.amount) % 100n).toString().padStart(2, '0')} GBP`
    assert.include(reversal.summary, amount)
    assert.deepInclude(payloadLines(reversal.payload), { label: 'Amount', value: amount })
    assert.deepInclude(payloadLines(reversal.payload), { label: 'Repayment id', value: String(repayment.id) })

    const writeOff = (await requestWriteOff(loan.id, await staffOf('loan_officer'))).approval
    const principal = 1_200_00n - BigInt(repayment.principal)
    const shown = `${(principal / 100n).toString()}.${(principal % 100n).toString().padStart(2, '0')} GBP`
    assert.include(writeOff.summary, shown)
    assert.deepInclude(payloadLines(writeOff.payload), { label: 'Outstanding principal', value: shown })
    assert.deepInclude(payloadLines(writeOff.payload), { label: 'Unpaid penalties', value: '0.00 GBP' })
  })
})
