import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import DisburseLoan from '#actions/loans/disburse_loan'
import PostTransfer from '#actions/ledger/post_transfer'
import ReverseTransaction from '#actions/ledger/reverse_transaction'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { Money } from '#domain/money/money'
import { NO_REQUEST } from '#domain/audit/actor'
import { balances, createCustomer, key, openAccount, setStatus, system } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'
import { createLoanProduct } from '#tests/helpers/loans'

/** An approved application for 6,000.00 over 12 months at 9.9% with a 1% fee (60.00), paid into a fresh GBP account */
async function approvedLoan(overrides: Partial<Loan> = {}) {
  const { version } = await createLoanProduct()
  const customerId = await createCustomer()
  const account = await openAccount(customerId, { fund: '100.00' })
  const loan = await Loan.create({
    customerId,
    productVersionId: version.id,
    status: 'approved',
    currency: 'GBP',
    principal: 6_000_00n,
    termCount: 12,
    annualRatePpm: version.annualRatePpm,
    frequency: version.frequency,
    amortisation: version.amortisation,
    originationFee: 60_00n,
    purpose: 'Kitchen',
    monthlyIncome: 3_000_00n,
    monthlyObligations: 500_00n,
    disbursementAccountId: account.id,
    documents: [],
    channel: 'api',
    ...overrides,
  })
  return { loan, account, customerId }
}

async function disburse(loanId: number, businessDate = '2026-01-31') {
  const { staff } = await createStaff({ role: 'loan_officer' })
  return (await app.container.make(DisburseLoan)).handle({ loanId, staff, context: NO_REQUEST, businessDate })
}

async function feeIncome() {
  const [row] = (
    await db.rawQuery(
      `select coalesce(sum(case e.direction when 'credit' then e.amount else -e.amount end), 0)::text as net
         from ledger_entries e join accounts a on a.id = e.account_id
        where a.system_code = 'fee_income' and a.currency = 'GBP'`
    )
  ).rows
  return BigInt(row.net)
}

test.group('DisburseLoan', () => {
  test('pays principal minus the fee to the borrower, the whole principal to the receivable, the fee to income', async ({ assert }) => {
    const { loan, account } = await approvedLoan()
    const feesBefore = await feeIncome()
    const result = await disburse(loan.id)

    assert.isFalse(result.replayed)
    assert.equal((await balances(account.id)).balance, 100_00n + 5_940_00n)
    const receivable = await balances(result.loan.accountId!)
    assert.equal(receivable.balance, 6_000_00n)
    assert.equal((await feeIncome()) - feesBefore, 60_00n)

    const entries = await db.from('ledger_entries').where('transaction_id', result.transactionId).orderBy('id')
    assert.deepEqual(
      entries.map((e) => [e.direction, String(e.amount)]),
      [['debit', '600000'], ['credit', '594000'], ['credit', '6000']]
    )
    const stored = await Loan.findOrFail(loan.id)
    assert.equal(stored.status, 'active')
    assert.equal(stored.startDate, '2026-01-31')
    const audit = await db.from('audit_events').where({ subject_type: 'loan', subject_id: String(loan.id) }).orderBy('id')
    assert.deepEqual(audit.map((a) => a.action), ['loans.loan.disbursed', 'loans.loan.active'])
  })

  test('stores a schedule whose principal portions sum exactly to the principal, due from one month after the start', async ({ assert }) => {
    const { loan } = await approvedLoan()
    await disburse(loan.id, '2026-01-31')
    const rows = await db
      .from('loan_instalments')
      .where('loan_id', loan.id)
      .orderBy('number')
      .select('number', db.raw(`to_char(due_date, 'YYYY-MM-DD') as due`), 'principal', 'interest')
    assert.lengthOf(rows, 12)
    assert.equal(rows.reduce((sum, r) => sum + BigInt(r.principal), 0n), 6_000_00n)
    assert.deepEqual(rows.slice(0, 3).map((r) => r.due), ['2026-02-28', '2026-03-31', '2026-04-30'])
    const totals = rows.map((r) => BigInt(r.principal) + BigInt(r.interest))
    assert.isTrue(totals.slice(0, -1).every((t) => t === totals[0]), 'every annuity instalment but the last is equal')
  })

  test('a second disbursement posts nothing and returns the first; two at once post once; ledger:verify is clean', async ({ assert }) => {
    const { loan, account } = await approvedLoan()
    const [a, b] = await Promise.all([disburse(loan.id), disburse(loan.id)])
    assert.equal(a.transactionId, b.transactionId)
    assert.sameMembers([a.replayed, b.replayed], [false, true])
    const again = await disburse(loan.id)
    assert.isTrue(again.replayed)
    assert.equal(again.transactionId, a.transactionId)
    assert.equal((await balances(account.id)).balance, 100_00n + 5_940_00n)
    const postings = await db.from('ledger_transactions').where('kind', 'loan_disbursement').whereRaw(`metadata->>'loan_id' = ?`, [String(loan.id)])
    assert.lengthOf(postings, 1)

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
  })

  test('refuses a loan that is not approved, and a frozen account, changing nothing', async ({ assert }) => {
    const submitted = await approvedLoan({ status: 'submitted' })
    await assert.rejects(() => disburse(submitted.loan.id), /approved loan can be disbursed/)
    assert.equal((await Loan.findOrFail(submitted.loan.id)).status, 'submitted')

    const frozen = await approvedLoan()
    await setStatus(frozen.account.id, 'frozen')
    await assert.rejects(() => disburse(frozen.loan.id), /frozen/)
    const after = await Loan.findOrFail(frozen.loan.id)
    assert.equal(after.status, 'approved')
    assert.isNull(after.accountId)
    assert.lengthOf(await db.from('accounts').where('number', `LN${String(frozen.loan.id).padStart(10, '0')}`), 0)
    assert.lengthOf(await db.from('loan_instalments').where('loan_id', frozen.loan.id), 0)
  })

  test("the receivable moves only through the loan: no transfer into it, no generic reversal of the disbursement", async ({ assert }) => {
    const { loan, customerId } = await approvedLoan()
    const { loan: disbursed, transactionId } = await disburse(loan.id)
    const payer = await openAccount(customerId, { fund: '50.00' })
    await assert.rejects(
      async () =>
        (await app.container.make(PostTransfer)).handle({
          debtorAccountId: payer.id,
          creditor: { accountId: disbursed.accountId! },
          amount: Money.fromDecimal('10.00', 'GBP'),
          idempotencyKey: key(),
          actor: system,
        }),
      /not found/
    )
    await assert.rejects(
      async () =>
        (await app.container.make(ReverseTransaction)).handle({
          transactionId,
          reason: 'mistake',
          idempotencyKey: key(),
          actor: system,
        }),
      /corrected through its loan/
    )
    assert.equal((await balances(disbursed.accountId!)).balance, 6_000_00n)
  })
})
