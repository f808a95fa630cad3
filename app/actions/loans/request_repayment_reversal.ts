import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { AuthorizationResponse, errors as bouncerErrors } from '@adonisjs/bouncer'
import Approval from '#models/approval'
import Loan from '#models/loan'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import { reversibleRepayment } from '#actions/loans/reversible_repayment'
import { roleCan } from '#domain/staff/permissions'
import { Money } from '#domain/money/money'
import type { RequestContext } from '#domain/audit/actor'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanRepaymentReversalPendingException from '#exceptions/loan_repayment_reversal_pending_exception'
import ReasonRequiredException from '#exceptions/reason_required_exception'

/** Payload of a 'loans.repayment_reversal' approval (money: minor-unit strings of `currency`) */
export interface RepaymentReversalPayload {
  loanId: number
  repaymentId: number
  transactionId: number
  kind: string
  businessDate: string
  currency: string
  amount: string
  principal: string
  interest: string
  fee: string
  penalty: string
  reason: string
}

/**
 * Four-eyes: files a 'loans.repayment_reversal' approval for a mistaken
 * repayment (ApprovedRepaymentReversal books it once a second person with
 * approvals.decide_money approves). The maker needs ledger.reverse (the
 * reversal permission) and a reason. Only the loan's latest repayment
 * still standing, of a loan active or in arrears (reversibleRepayment
 * says why not); one request per loan at a time, under the loan's row
 * lock. A resubmitted form (same maker and key) returns its request.
 * Throws: E_AUTHORIZATION_FAILURE (403), ReasonRequired (422),
 * LoanNotFound, LoanRepaymentNotFound (404), LoanNotOpen,
 * LoanRepaymentNotReversible, LoanRepaymentAlreadyReversed,
 * LoanRepaymentReversalPending (409).
 */
@inject()
export default class RequestRepaymentReversal {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    loanId: number
    repaymentId: number
    reason: string
    idempotencyKey: string
    staff: StaffUser
    context: RequestContext
  }) {
    if (!roleCan(input.staff.role, 'ledger.reverse')) throw new bouncerErrors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny())
    const reason = (input.reason ?? '').trim()
    if (reason === '') throw new ReasonRequiredException()
    return db.transaction(async (trx) => {
      const mine = await Approval.query({ client: trx })
        .where('makerId', input.staff.id)
        .where('idempotencyKey', input.idempotencyKey)
        .first()
      if (mine) return { approval: mine, replayed: true }
      const loan = await Loan.query({ client: trx }).where('id', input.loanId).forUpdate().first()
      if (!loan) throw new LoanNotFoundException()
      const repayment = await reversibleRepayment(trx, loan, input.repaymentId)
      const pending = await trx
        .from('approvals')
        .where({ kind: 'loans.repayment_reversal', status: 'pending', subject_type: 'loan', subject_id: String(loan.id) })
        .first()
      if (pending) throw new LoanRepaymentReversalPendingException(Number(pending.id))

      const currency = loan.currency.trim()
      const payload: RepaymentReversalPayload = {
        loanId: loan.id,
        repaymentId: repayment.id,
        transactionId: repayment.transactionId,
        kind: repayment.kind,
        businessDate: repayment.businessDate,
        currency,
        amount: repayment.amount.toString(),
        principal: repayment.principal.toString(),
        interest: repayment.interest.toString(),
        fee: repayment.fee.toString(),
        penalty: repayment.penalty.toString(),
        reason,
      }
      const amount = Money.of(repayment.amount, currency)
      return this.requestApproval.handle({
        kind: 'loans.repayment_reversal',
        summary:
          `Reverse repayment #${repayment.id} of loan #${loan.id} (${repayment.kind} of ${repayment.businessDate}, ` +
          `${amount.toDecimalString()} ${currency} back to the borrower). ${reason}`,
        payload: { ...payload },
        subject: { type: 'loan', id: loan.id },
        maker: input.staff,
        makerReason: reason,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
        trx,
      })
    })
  }
}
