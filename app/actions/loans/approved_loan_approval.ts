import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { transitionLoan } from '#actions/loans/loan_transition'
import NotifyLoanEvent from '#actions/loans/notify_loan_event'
import { lockLoan } from '#actions/loans/lock_loan'
import LoanTransitionRefusedException from '#exceptions/loan_transition_refused_exception'
import { DateTime } from 'luxon'

/**
 * Runs an approved 'loans.approval' (a loan above its product's
 * second-officer threshold) in the approval's transaction: the loan is
 * locked, must still be under review and waiting for THIS request, then
 * goes to approved with decided_by = the maker (the first officer) and
 * second_approver_id = the checker (DecideApproval has already refused the
 * maker as checker; the loans_four_eyes CHECK holds the same rule).
 * Throws: LoanTransitionRefused (withdrawn meanwhile, or no longer waiting
 * for this request: the approval stays pending and the checker rejects it).
 */
export default class ApprovedLoanApproval implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const loanId = Number((approval.payload as { loanId?: unknown }).loanId)
    const loan = await lockLoan(trx, loanId)
    if (loan.status === 'under_review' && loan.approvalId !== Number(approval.id)) {
      throw new LoanTransitionRefusedException(`Loan #${loan.id} is no longer waiting for approval request #${approval.id}.`)
    }
    await transitionLoan(trx, {
      loan,
      to: 'approved',
      actor: { type: 'staff', id: checker.id },
      context,
      reason: approval.makerReason,
      changes: {
        decidedBy: Number(maker.id),
        secondApproverId: Number(checker.id),
        decidedAt: DateTime.now(),
        decisionReason: approval.makerReason,
      },
      details: { approval_id: String(approval.id), decided_by: String(maker.id), second_approver_id: String(checker.id) },
    })
    await new NotifyLoanEvent().handle(trx, { event: 'loan_decided', loan, data: { decision: 'approved', principal: loan.principal } })
    return { loanId: loan.id, status: loan.status }
  }
}
