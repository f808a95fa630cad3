import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Account from '#models/account'
import StaffUser from '#models/staff_user'
import Loan from '#models/loan'
import SubmitLoanApplication from '#actions/loans/submit_loan_application'
import TakeLoanApplication from '#actions/loans/take_loan_application'
import DecideLoanApplication from '#actions/loans/decide_loan_application'
import DisburseLoan from '#actions/loans/disburse_loan'
import CollectLoan from '#actions/loans/collect_loan'
import PostTransfer from '#actions/ledger/post_transfer'
import { offeredProduct } from '#queries/loans/product_queries'
import { loanInstalments } from '#queries/loans/loan_instalment_queries'
import { DEMO_DOMAIN, demoAccountNumber } from '#database/demo/demo_bank'
import { DEMO_LOANS, type DemoLoan } from '#database/demo/demo_loans'
import { Money } from '#domain/money/money'

const CONTEXT = { ip: null, requestId: 'demo-seed' }

/**
 * The demo bank's loans (#database/demo/demo_loans), each taken to its
 * stage through the loans module's own actions: the customer applies
 * (SubmitLoanApplication, with the assessment), the loan officer takes,
 * approves or rejects it (TakeLoanApplication, DecideLoanApplication) and
 * disburses (DisburseLoan, the schedule starting `startedDaysAgo`), the
 * instalments already due are collected (CollectLoan, date by date); the
 * loan in arrears had its money moved out of the account it repays from
 * first. Run by `node ace demo:seed` after the bank. Idempotent: a
 * customer who already has the demo loan (same purpose) is skipped.
 * Returns how many loans it created.
 */
@inject()
export default class SeedDemoLoans {
  constructor(
    private submit: SubmitLoanApplication,
    private take: TakeLoanApplication,
    private decide: DecideLoanApplication,
    private disburse: DisburseLoan,
    private collect: CollectLoan,
    private transfer: PostTransfer
  ) {}

  async handle(input: { customers: number }): Promise<number> {
    const officer = await StaffUser.findByOrFail('email', `loan.officer@${DEMO_DOMAIN}`)
    let created = 0
    for (const demo of DEMO_LOANS) {
      if (demo.customer > input.customers) continue
      const account = await Account.findBy('number', demoAccountNumber(demo.customer, demo.account, 'GBP'))
      if (!account || account.status !== 'active') continue
      /* the purpose is sealed (Loan opens it): compare after opening */
      const loans = await Loan.query().where('customer_id', account.customerId!)
      if (loans.some((loan) => loan.purpose === demo.purpose)) continue
      await this.#bring(demo, account, officer)
      created++
    }
    return created
  }

  async #bring(demo: DemoLoan, account: Account, officer: StaffUser) {
    const offered = await offeredProduct(demo.product)
    if (!offered) throw new Error(`The demo loan product ${demo.product} is not offered`)
    const customerId = account.customerId!
    const loan = await this.submit.handle({
      customerId,
      application: {
        productId: offered.product.id,
        principal: demo.principal,
        termCount: demo.termCount,
        purpose: demo.purpose,
        monthlyIncome: demo.monthlyIncome,
        monthlyObligations: demo.monthlyObligations,
        disbursementAccountId: account.id,
      },
      channel: 'api',
      actor: { type: 'customer', id: customerId },
      context: CONTEXT,
    })
    if (demo.stage === 'submitted') return
    await this.take.handle({ loanId: loan.id, staff: officer, context: CONTEXT })
    if (demo.stage === 'under_review') return
    if (demo.stage === 'rejected') {
      await this.decide.handle({ loanId: loan.id, staff: officer, context: CONTEXT, decision: 'reject', reason: demo.reason! })
      return
    }
    await this.decide.handle({
      loanId: loan.id, staff: officer, context: CONTEXT, decision: 'approve', reason: demo.reason ?? null, idempotencyKey: randomUUID(),
    })
    if (demo.stage === 'approved') return

    const today = DateTime.utc().startOf('day')
    const start = today.minus({ days: demo.startedDaysAgo ?? 0 }).toISODate()!
    await this.disburse.handle({ loanId: loan.id, staff: officer, context: CONTEXT, businessDate: start })
    if (demo.stage === 'in_arrears') await this.#spendEverything(account)
    const due = (await loanInstalments(db.connection(), loan.id)).filter((i) => i.dueDate <= today.toISODate()!)
    for (const date of [...due.map((i) => i.dueDate), today.toISODate()!]) {
      await this.collect.handle({ loanId: loan.id, businessDate: date })
    }
  }

  /** The borrower moved the money out of the account the loan is repaid from (to their other account) */
  async #spendEverything(account: Account) {
    await account.refresh()
    const other = await Account.query()
      .where('customer_id', account.customerId!)
      .whereIn('kind', ['current', 'savings'])
      .whereNot('id', account.id)
      .where('status', 'active')
      .firstOrFail()
    if (account.available <= 0n) return
    await this.transfer.handle({
      debtorAccountId: account.id,
      creditor: { accountId: other.id },
      amount: Money.of(account.available, account.currency),
      reference: 'Moved to current account',
      idempotencyKey: `demo-loan-spend-${account.id}`,
      actor: { type: 'system', id: 'demo-seed' },
      context: CONTEXT,
    })
  }
}
