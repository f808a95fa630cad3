import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import CustomerLoanQueries from '#queries/loans/customer_loan_queries'
import { loanInstalments, payoffQuoteOf } from '#queries/loans/loan_instalment_queries'
import RepayLoan from '#actions/loans/repay_loan'
import TransferPolicy from '#policies/transfer_policy'
import {
  LoanInstalmentTransformer,
  LoanPayoffQuoteTransformer,
  LoanRepaymentTransformer,
  LoanTransformer,
} from '#transformers/loan_transformer'
import { createLoanRepaymentValidator, listLoansValidator } from '#validators/loan'
import { auditContext } from '#services/audit/audit_trail'
import ScaRequiredException from '#exceptions/sca_required_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'
import { decodeCursor } from '#validators/cursor'
import { encodeCursor } from '#domain/api/cursor'
import { Money } from '#domain/money/money'

/**
 * The customer's loans once paid out (bearer token): list, detail (the
 * principal outstanding = the balance of the loan's receivable, days past
 * due, the next instalment) and the stored schedule with what was paid of
 * each component; the payoff quote as of today; repayments from the
 * customer's account (a token issued with the second factor, an
 * Idempotency-Key). An application never paid out, or another customer's
 * loan, is 404 E_LOAN_NOT_FOUND.
 */
export default class LoansController {
  @inject()
  async index({ auth, request }: HttpContext, queries: CustomerLoanQueries) {
    const customer = auth.use('api').getUserOrFail()
    const { limit = 25, cursor } = await request.validateUsing(listLoansValidator, { data: request.qs() })
    const page = await queries.loansPage(customer.id, { limit, beforeId: decodeCursor('ln', cursor) })
    const last = page.data[page.data.length - 1]
    const next = page.hasMore ? urlFor('api.v1.loans.index', {}, { qs: { limit, cursor: encodeCursor('ln', last.loan.id) } }) : null
    return { data: page.data.map((item) => new LoanTransformer(item).toObject()), links: { next } }
  }

  @inject()
  async show({ auth, params }: HttpContext, queries: CustomerLoanQueries) {
    const found = await queries.findLoan(auth.use('api').getUserOrFail().id, params.id)
    const instalments = await loanInstalments(db.connection(), found.loan.id)
    const outstandingPrincipal = await queries.outstandingPrincipal(found.loan.accountId!)
    const nextInstalment = instalments.find((instalment) => instalment.settledAt === null) ?? null
    return { data: new LoanTransformer(found, { outstandingPrincipal, nextInstalment }).toObject() }
  }

  @inject()
  async schedule({ auth, params }: HttpContext, queries: CustomerLoanQueries) {
    const { loan } = await queries.findLoan(auth.use('api').getUserOrFail().id, params.id)
    const instalments = await loanInstalments(db.connection(), loan.id)
    const today = DateTime.utc().toISODate()!
    const sum = (pick: (i: (typeof instalments)[number]) => bigint) => instalments.reduce((total, i) => total + pick(i), 0n)
    const due = sum((i) => i.due.principal + i.due.interest + i.due.fee + i.due.penalty)
    const paid = sum((i) => i.paid.principal + i.paid.interest + i.paid.fee + i.paid.penalty)
    const amount = (minor: bigint) => Money.of(minor, loan.currency).toJSON()
    return {
      data: {
        loanId: String(loan.id),
        currency: loan.currency,
        instalments: instalments.map((instalment) => new LoanInstalmentTransformer(instalment, loan.currency, today).toObject()),
        totals: { due: amount(due), paid: amount(paid), outstanding: amount(due - paid) },
      },
    }
  }

  @inject()
  async payoffQuote({ auth, params }: HttpContext, queries: CustomerLoanQueries) {
    const { loan } = await queries.findLoan(auth.use('api').getUserOrFail().id, params.id)
    const quote = await payoffQuoteOf(db.connection(), loan, DateTime.utc().toISODate()!)
    return { data: new LoanPayoffQuoteTransformer(quote, loan.id, loan.currency).toObject() }
  }

  @inject()
  async repay(ctx: HttpContext, queries: CustomerLoanQueries, repayLoan: RepayLoan) {
    const { auth, bouncer, params, request, response } = ctx
    const customer = auth.use('api').getUserOrFail()
    if (await bouncer.with(TransferPolicy).denies('create')) throw new ScaRequiredException()
    const { loan } = await queries.findLoan(customer.id, params.id)
    const body = await request.validateUsing(createLoanRepaymentValidator, { data: { ...request.body(), headers: request.headers() } })
    if (body.amount && body.amount.currency !== loan.currency) {
      throw new CurrencyMismatchException(`The loan is in ${loan.currency}.`)
    }
    const result = await repayLoan.handle({
      loanId: loan.id,
      ownerCustomerId: customer.id,
      request: body.amount ? { type: 'amount', amount: moneyFromInput(body.amount.amount, loan.currency).minor } : { type: 'full' },
      idempotencyKey: body.headers['idempotency-key'],
      actor: { type: 'customer', id: customer.id },
      context: auditContext(ctx),
    })
    if (result.replayed) response.header('Idempotent-Replayed', 'true')
    return response.created({ data: new LoanRepaymentTransformer(result).toObject() })
  }
}
