import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Loan from '#models/loan'
import LoanPolicy from '#policies/loan_policy'
import RepayLoan from '#actions/loans/repay_loan'
import RequestLoanWriteOff from '#actions/loans/request_loan_write_off'
import RequestRepaymentReversal from '#actions/loans/request_repayment_reversal'
import { auditContext } from '#services/audit/audit_trail'
import { Money } from '#domain/money/money'
import { minorUnitsOf } from '#validators/loan_review'
import { loanServicingRequestValidator, repayLoanValidator } from '#validators/loan_servicing'
import { idempotentReplays } from '#services/metrics/metrics'

/**
 * Servicing a paid-out loan from its backoffice page: a repayment or the
 * payoff taken from the borrower's account at their request, and the
 * four-eyes requests to write the loan off or reverse a mistaken
 * repayment (a second person decides them in the approvals inbox).
 */
export default class LoanServicingController {
  @inject()
  async repay(ctx: HttpContext, repayLoan: RepayLoan) {
    await ctx.bouncer.with(LoanPolicy).authorize('repay')
    const loan = await Loan.findOrFail(Number(ctx.params.id))
    const currency = loan.currency.trim()
    const { type, amount, idempotencyKey } = await ctx.request.validateUsing(repayLoanValidator)
    const request = type === 'full' ? { type } : { type, amount: minorUnitsOf('amount', amount!, currency) }
    const { staff, context } = who(ctx)
    const result = await repayLoan.handle({ loanId: loan.id, request, idempotencyKey, actor: { type: 'staff', id: staff.id }, context })
    const { repayment } = result
    if (result.replayed) idempotentReplays.inc({ scope: 'backoffice' })
    const m = (minor: bigint) => `${Money.of(minor, currency).toDecimalString()} ${currency}`
    const message = result.replayed
      ? `This form was already sent: repayment #${repayment.id} (${m(repayment.amount)}) was taken once; nothing was paid again.`
      : `${repayment.kind === 'payoff' ? 'Payoff' : 'Repayment'} of ${m(repayment.amount)} taken from the borrower's account ` +
        `(principal ${m(repayment.principal)}, interest ${m(repayment.interest)}, charges ${m(repayment.charges)}); ` +
        `the loan is now ${result.loan.status.replace('_', ' ')}.`
    return back(ctx, loan.id, message)
  }

  @inject()
  async writeOff(ctx: HttpContext, requestWriteOff: RequestLoanWriteOff) {
    await ctx.bouncer.with(LoanPolicy).authorize('writeOff')
    const { reason, idempotencyKey } = await ctx.request.validateUsing(loanServicingRequestValidator)
    const loanId = Number(ctx.params.id)
    const { approval } = await requestWriteOff.handle({ loanId, reason, idempotencyKey, ...who(ctx) })
    return back(ctx, loanId, `The write-off of loan #${loanId} is waiting for a second person (approval #${approval.id}).`)
  }

  @inject()
  async reverse(ctx: HttpContext, requestReversal: RequestRepaymentReversal) {
    await ctx.bouncer.with(LoanPolicy).authorize('reverseRepayment')
    const { reason, idempotencyKey } = await ctx.request.validateUsing(loanServicingRequestValidator)
    const [loanId, repaymentId] = [Number(ctx.params.id), Number(ctx.params.repaymentId)]
    const { approval } = await requestReversal.handle({ loanId, repaymentId, reason, idempotencyKey, ...who(ctx) })
    return back(ctx, loanId, `The reversal of repayment #${repaymentId} is waiting for a second person (approval #${approval.id}).`)
  }
}

function who(ctx: HttpContext) {
  return { staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) }
}

function back(ctx: HttpContext, id: number, message: string) {
  ctx.session.flash('success', message)
  return ctx.response.redirect().toRoute('backoffice.loans.show', { id })
}
