import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Approval from '#models/approval'
import Customer from '#models/customer'
import type Loan from '#models/loan'
import LoanProductVersion from '#models/loan_product_version'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import AuditTrail from '#services/audit/audit_trail'
import { transitionLoan } from '#actions/loans/loan_transition'
import NotifyLoanEvent from '#actions/loans/notify_loan_event'
import { lockLoan } from '#actions/loans/lock_loan'
import { canTransition, LoanTransitionRefusedError } from '#domain/loans/lifecycle'
import { ppmToPercent } from '#domain/loans/rates'
import { Money } from '#domain/money/money'
import type { RequestContext } from '#domain/audit/actor'
import LoanTransitionRefusedException from '#exceptions/loan_transition_refused_exception'
import LoanApprovalPendingException from '#exceptions/loan_approval_pending_exception'

export type LoanDecision =
  | { decision: 'approve'; reason?: string | null; idempotencyKey: string }
  | { decision: 'reject'; reason: string }

export interface LoanDecisionResult {
  loan: Loan
  outcome: 'approved' | 'rejected' | 'awaiting_second_officer'
  /** The four-eyes request filed (or found again) when the principal is above the product's threshold */
  approval: Approval | null
}

/**
 * An officer's decision on an application under review, with the loan
 * locked FOR UPDATE:
 * - reject → rejected (decided_by, decided_at, the reason);
 * - approve at or below the product version's `second_approval_above` →
 *   approved (decided_by, decided_at, decision_reason);
 * - approve above it → a 'loans.approval' four-eyes request (RequestApproval,
 *   in this transaction); the loan stays under_review with approval_id set
 *   until another officer approves it (ApprovedLoanApproval). Rejecting that
 *   request leaves the loan under review.
 * While a request is pending every decision is refused, except the same
 * form sent again (same maker and key), which returns it.
 * Throws: LoanTransitionRefused (409: not under review), LoanApprovalPending
 * (409), E_ROW_NOT_FOUND.
 */
@inject()
export default class DecideLoanApplication {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: { loanId: number; staff: StaffUser; context: RequestContext } & LoanDecision): Promise<LoanDecisionResult> {
    return db.transaction(async (trx) => {
      const loan = await lockLoan(trx, input.loanId)
      const actor = { type: 'staff' as const, id: input.staff.id }
      const pending = loan.approvalId
        ? await Approval.query({ client: trx }).where('id', loan.approvalId).where('status', 'pending').first()
        : null
      if (pending) {
        const resent = input.decision === 'approve' && pending.makerId === Number(input.staff.id) && pending.idempotencyKey === input.idempotencyKey
        if (resent) return { loan, outcome: 'awaiting_second_officer', approval: pending }
        throw new LoanApprovalPendingException(Number(pending.id))
      }
      const decided = { decidedBy: Number(input.staff.id), decidedAt: DateTime.now(), decisionReason: input.reason ?? null }
      if (input.decision === 'reject') {
        await transitionLoan(trx, { loan, to: 'rejected', actor, context: input.context, reason: input.reason, changes: decided })
        await new NotifyLoanEvent().handle(trx, {
          event: 'loan_decided',
          loan,
          data: { decision: 'rejected', principal: loan.principal, reason: input.reason },
        })
        return { loan, outcome: 'rejected', approval: null }
      }

      const version = await LoanProductVersion.findOrFail(loan.productVersionId, { client: trx })
      if (loan.principal <= version.secondApprovalAbove) {
        await transitionLoan(trx, { loan, to: 'approved', actor, context: input.context, reason: input.reason, changes: decided })
        await new NotifyLoanEvent().handle(trx, { event: 'loan_decided', loan, data: { decision: 'approved', principal: loan.principal } })
        return { loan, outcome: 'approved', approval: null }
      }
      if (!canTransition(loan.status, 'approved')) {
        throw new LoanTransitionRefusedException(new LoanTransitionRefusedError(loan.status, 'approved').message)
      }
      const approval = await this.fileApproval(trx, loan, version, input)
      loan.useTransaction(trx)
      loan.approvalId = Number(approval.id)
      await loan.save()
      await AuditTrail.record(
        {
          actor,
          action: 'loans.loan.approval_requested',
          subject: { type: 'loan', id: loan.id },
          after: { approval_id: String(approval.id), principal: loan.principal.toString(), threshold: version.secondApprovalAbove.toString() },
          metadata: { customer_id: loan.customerId },
          ...input.context,
        },
        trx
      )
      return { loan, outcome: 'awaiting_second_officer', approval }
    })
  }

  /** The four-eyes request: what the second officer sees in the inbox (customer, amount, product) */
  private async fileApproval(
    trx: TransactionClientContract,
    loan: Loan,
    version: LoanProductVersion,
    input: { staff: StaffUser; context: RequestContext; reason?: string | null; idempotencyKey: string }
  ) {
    const customer = await Customer.query({ client: trx }).where('id', loan.customerId).select('id', 'customer_number').firstOrFail()
    const amount = Money.of(loan.principal, loan.currency.trim())
    const product = `${version.name} (version ${version.version})`
    const { approval } = await this.requestApproval.handle({
      kind: 'loans.approval',
      /* approvals rows are plaintext and kept: the customer by number, never by name (personal data) */
      summary: `Approve loan #${loan.id}: ${amount.toDecimalString()} ${amount.currency} to customer ${customer.customerNumber}, ${product}`,
      payload: {
        loanId: loan.id,
        customer: customer.customerNumber,
        product,
        principal: loan.principal.toString(),
        currency: amount.currency,
        termCount: loan.termCount,
        frequency: loan.frequency,
        annualRate: `${ppmToPercent(loan.annualRatePpm)}%`,
        recommendation: loan.recommendation,
      },
      subject: { type: 'loan', id: loan.id },
      maker: input.staff,
      makerReason: input.reason ?? null,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
      trx,
    })
    return approval
  }
}
