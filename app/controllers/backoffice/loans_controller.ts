import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Loan from '#models/loan'
import LoanPolicy from '#policies/loan_policy'
import LoanReviewQueries, { QUEUE_STATES } from '#queries/loans/loan_review_queries'
import TakeLoanApplication from '#actions/loans/take_loan_application'
import DecideLoanApplication from '#actions/loans/decide_loan_application'
import AddLoanNote from '#actions/loans/add_loan_note'
import WithdrawLoanApplication from '#actions/loans/withdraw_loan_application'
import DisburseLoan from '#actions/loans/disburse_loan'
import OpenLoanDocument from '#actions/loans/open_loan_document'
import { loanPageProps } from '#controllers/backoffice/loan_page_props'
import { auditContext } from '#services/audit/audit_trail'
import { attachmentDisposition } from '#domain/customers/customer_record'
import { LOAN_STATES, type LoanState } from '#domain/loans/lifecycle'
import { Money } from '#domain/money/money'
import { addLoanNoteValidator, approveLoanValidator, listLoansValidator, loanReasonValidator } from '#validators/loan_review'
import { idempotentReplays } from '#services/metrics/metrics'

const DEFAULT_PER_PAGE = 25

/** The loan review queue, a loan's page and the officers' steps on it (each one audited) */
export default class LoansController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, queries: LoanReviewQueries) {
    await bouncer.with(LoanPolicy).authorize('view')
    const f = await listLoansValidator.validate(request.qs())
    const status = f.status ?? 'queue'
    const queue = status === 'queue' || QUEUE_STATES.includes(status as LoanState)
    const query = { status, sort: f.sort ?? 'submitted_at', direction: f.direction ?? (queue ? 'asc' : 'desc') } as const
    const page = await queries.list({
      ...query, productId: f.product, minAmount: f.minAmount, maxAmount: f.maxAmount, submittedBefore: f.submittedBefore,
      page: f.page ?? 1, perPage: f.perPage ?? DEFAULT_PER_PAGE,
    })
    return inertia.render('backoffice/loans/index', {
      loans: page,
      filters: {
        ...query, product: f.product ? String(f.product) : '', minAmount: f.minAmount ?? '', maxAmount: f.maxAmount ?? '',
        submittedBefore: f.submittedBefore ?? '', perPage: f.perPage ?? DEFAULT_PER_PAGE,
      },
      options: { statuses: [...LOAN_STATES], products: await queries.productOptions() },
      urls: { index: router.urlBuilder.urlFor('backoffice.loans.index') },
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(LoanPolicy).authorize('view')
    const loan = await Loan.findOrFail(Number(ctx.params.id))
    return ctx.inertia.render('backoffice/loans/show', await loanPageProps(ctx, loan))
  }

  @inject()
  async review(ctx: HttpContext, take: TakeLoanApplication) {
    await ctx.bouncer.with(LoanPolicy).authorize('review')
    const loan = await take.handle({ loanId: Number(ctx.params.id), ...who(ctx) })
    return back(ctx, loan.id, `Application #${loan.id} is under review; you are its reviewer.`)
  }

  @inject()
  async approve(ctx: HttpContext, decide: DecideLoanApplication) {
    await ctx.bouncer.with(LoanPolicy).authorize('review')
    const { reason, idempotencyKey } = await ctx.request.validateUsing(approveLoanValidator)
    const result = await decide.handle({ loanId: Number(ctx.params.id), decision: 'approve', reason, idempotencyKey, ...who(ctx) })
    const message = result.approval
      ? `Above the product's threshold: approval request #${result.approval.id} waits for a second officer.`
      : `Application #${result.loan.id} approved.`
    return back(ctx, result.loan.id, message)
  }

  @inject()
  async reject(ctx: HttpContext, decide: DecideLoanApplication) {
    await ctx.bouncer.with(LoanPolicy).authorize('review')
    const { reason } = await ctx.request.validateUsing(loanReasonValidator)
    const { loan } = await decide.handle({ loanId: Number(ctx.params.id), decision: 'reject', reason, ...who(ctx) })
    return back(ctx, loan.id, `Application #${loan.id} rejected.`)
  }

  @inject()
  async note(ctx: HttpContext, addNote: AddLoanNote) {
    await ctx.bouncer.with(LoanPolicy).authorize('review')
    const { note } = await ctx.request.validateUsing(addLoanNoteValidator)
    await addNote.handle({ loanId: Number(ctx.params.id), note, ...who(ctx) })
    return back(ctx, Number(ctx.params.id), 'Note added.')
  }

  @inject()
  async withdraw(ctx: HttpContext, withdraw: WithdrawLoanApplication) {
    await ctx.bouncer.with(LoanPolicy).authorize('apply')
    const { reason } = await ctx.request.validateUsing(loanReasonValidator)
    const { staff, context } = who(ctx)
    const loan = await withdraw.handle({ loanId: Number(ctx.params.id), actor: { type: 'staff', id: staff.id }, context, reason })
    return back(ctx, loan.id, `Application #${loan.id} withdrawn at the customer's request.`)
  }

  async disburse(ctx: HttpContext) {
    await ctx.bouncer.with(LoanPolicy).authorize('disburse')
    const disburseLoan = await ctx.containerResolver.make(DisburseLoan)
    const { loan, replayed } = await disburseLoan.handle({ loanId: Number(ctx.params.id), ...who(ctx) })
    if (replayed) idempotentReplays.inc({ scope: 'backoffice' })
    const net = Money.of(loan.principal - loan.originationFee, loan.currency.trim())
    const message = replayed
      ? `Loan #${loan.id} was already disbursed; nothing was paid again.`
      : `Loan #${loan.id} disbursed: ${net.toDecimalString()} ${net.currency} paid into the borrower's account.`
    return back(ctx, loan.id, message)
  }

  @inject()
  async document(ctx: HttpContext, openDocument: OpenLoanDocument) {
    await ctx.bouncer.with(LoanPolicy).authorize('review')
    const { staff, context } = who(ctx)
    const { document, stream } = await openDocument.handle({
      loanId: Number(ctx.params.id), documentId: ctx.params.documentId, actor: { type: 'staff', id: staff.id }, context,
    })
    ctx.response.header('Content-Type', document.contentType).header('Content-Length', String(document.size))
    ctx.response.header('Content-Disposition', attachmentDisposition(document.name))
    ctx.response.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'private, no-store')
    return ctx.response.stream(stream)
  }
}

function who(ctx: HttpContext) {
  return { staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) }
}

function back(ctx: HttpContext, id: number, message: string) {
  ctx.session.flash('success', message)
  return ctx.response.redirect().toRoute('backoffice.loans.show', { id })
}
