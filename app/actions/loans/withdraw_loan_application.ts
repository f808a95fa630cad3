import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Loan from '#models/loan'
import { transitionLoan } from '#actions/loans/loan_transition'
import type { Actor, RequestContext } from '#domain/audit/actor'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'

/**
 * Withdraws an application (the customer, or staff for them): allowed from
 * submitted, under review and approved, until it is paid out. The row is
 * locked FOR UPDATE first, so a withdrawal racing an approval or a
 * disbursement sees the other's outcome; then transitionLoan (one audit
 * row 'loans.loan.withdrawn'). `customerId` scopes the lookup to the
 * customer's own applications (the API): another customer's is not found.
 * Throws: LoanNotFound (404), LoanTransitionRefused (409: already
 * withdrawn, rejected or disbursed).
 */
export default class WithdrawLoanApplication {
  async handle(input: {
    loanId: number
    customerId?: number
    actor: Actor
    context: RequestContext
    reason?: string | null
  }): Promise<Loan> {
    if (!Number.isSafeInteger(input.loanId) || input.loanId < 1) throw new LoanNotFoundException()
    return db.transaction(async (trx) => {
      const query = Loan.query({ client: trx }).where('id', input.loanId).forUpdate()
      if (input.customerId !== undefined) query.where('customer_id', input.customerId)
      const loan = await query.first()
      if (!loan) throw new LoanNotFoundException()
      return transitionLoan(trx, {
        loan,
        to: 'withdrawn',
        actor: input.actor,
        context: input.context,
        reason: input.reason ?? null,
        changes: { closedAt: DateTime.utc() },
      })
    })
  }
}
