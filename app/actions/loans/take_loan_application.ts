import db from '@adonisjs/lucid/services/db'
import type Loan from '#models/loan'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import { transitionLoan } from '#actions/loans/loan_transition'
import { lockLoan } from '#actions/loans/lock_loan'

/**
 * An officer takes a submitted application for review: submitted →
 * under_review, the officer recorded as its reviewer (row lock, status
 * and audit row 'loans.loan.under_review' in one transaction).
 * Throws: LoanTransitionRefused (409: not submitted), E_ROW_NOT_FOUND.
 */
export default class TakeLoanApplication {
  async handle(input: { loanId: number; staff: StaffUser; context: RequestContext }): Promise<Loan> {
    return db.transaction(async (trx) => {
      const loan = await lockLoan(trx, input.loanId)
      return transitionLoan(trx, {
        loan,
        to: 'under_review',
        actor: { type: 'staff', id: input.staff.id },
        context: input.context,
        changes: { reviewerId: Number(input.staff.id) },
        details: { reviewer_id: String(input.staff.id) },
      })
    })
  }
}
