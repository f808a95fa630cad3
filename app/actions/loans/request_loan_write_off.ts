import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { AuthorizationResponse, errors as bouncerErrors } from '@adonisjs/bouncer'
import Approval from '#models/approval'
import Loan from '#models/loan'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import { loanInstalments, outstandingOf } from '#queries/loans/loan_instalment_queries'
import { roleCan } from '#domain/staff/permissions'
import { Money } from '#domain/money/money'
import type { RequestContext } from '#domain/audit/actor'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanNotOpenException from '#exceptions/loan_not_open_exception'
import LoanWriteOffPendingException from '#exceptions/loan_write_off_pending_exception'
import ReasonRequiredException from '#exceptions/reason_required_exception'

/** Payload of a 'loans.write_off' approval (money: minor-unit strings of `currency`) */
export interface LoanWriteOffPayload {
  loanId: number
  customerId: number
  status: string
  daysPastDue: number
  currency: string
  /** What the write-off will book as a loss, as of the request (the handler books what is outstanding then) */
  outstandingPrincipal: string
  /** Forgiven, never booked (cash basis: never income) */
  unpaidInterest: string
  unpaidFees: string
  unpaidPenalties: string
  reason: string
}

/**
 * Four-eyes: files a 'loans.write_off' approval for a loan that is active
 * or in arrears (ApprovedLoanWriteOff books it once a second person with
 * approvals.decide_money approves). The maker needs loans.write_off and
 * a reason. One request per loan at a time: the loan's row is locked
 * while the pending one is looked for, so two officers at once file one.
 * A resubmitted form (same maker and key) returns its request.
 * Throws: E_AUTHORIZATION_FAILURE (403), ReasonRequired (422),
 * LoanNotFound (404), LoanNotOpen (409), LoanWriteOffPending (409).
 */
@inject()
export default class RequestLoanWriteOff {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: { loanId: number; reason: string; idempotencyKey: string; staff: StaffUser; context: RequestContext }) {
    if (!roleCan(input.staff.role, 'loans.write_off')) throw new bouncerErrors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny())
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
      if (loan.status !== 'active' && loan.status !== 'in_arrears') {
        throw new LoanNotOpenException(`Loan #${loan.id} is ${loan.status.replace('_', ' ')}: only an active loan or a loan in arrears can be written off.`)
      }
      const pending = await trx
        .from('approvals')
        .where({ kind: 'loans.write_off', status: 'pending', subject_type: 'loan', subject_id: String(loan.id) })
        .first()
      if (pending) throw new LoanWriteOffPendingException(Number(pending.id))

      const unpaid = { principal: 0n, interest: 0n, fee: 0n, penalty: 0n }
      for (const instalment of (await loanInstalments(trx, loan.id)).map(outstandingOf)) {
        for (const part of ['principal', 'interest', 'fee', 'penalty'] as const) unpaid[part] += instalment[part]
      }
      const currency = loan.currency.trim()
      const payload: LoanWriteOffPayload = {
        loanId: loan.id,
        customerId: loan.customerId,
        status: loan.status,
        daysPastDue: loan.daysPastDue,
        currency,
        outstandingPrincipal: unpaid.principal.toString(),
        unpaidInterest: unpaid.interest.toString(),
        unpaidFees: unpaid.fee.toString(),
        unpaidPenalties: unpaid.penalty.toString(),
        reason,
      }
      const loss = Money.of(unpaid.principal, currency)
      const standing = loan.status === 'in_arrears' ? `in arrears, ${loan.daysPastDue} days past due` : 'active'
      return this.requestApproval.handle({
        kind: 'loans.write_off',
        summary: `Write off loan #${loan.id} (${standing}): ${loss.toDecimalString()} ${currency} principal outstanding. ${reason}`,
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
