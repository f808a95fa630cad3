import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import LoanProductVersion from '#models/loan_product_version'
import BookLoanRepayment, { LOAN_POSTING_SCOPE, type BookedRepayment } from '#actions/loans/book_loan_repayment'
import { lockLoan } from '#actions/loans/lock_loan'
import { refreshLoanStanding } from '#actions/loans/loan_standing'
import { rescheduleFutureInstalments, waiveFutureInterest } from '#actions/loans/future_instalments'
import { loanInstalments, outstandingOf, payoffQuoteOf } from '#queries/loans/loan_instalment_queries'
import { allocateRepayment, type OutstandingInstalment } from '#domain/loans/allocation'
import { rescheduleAfterPrepayment } from '#domain/loans/payoff'
import { prepaymentSplit } from '#domain/loans/prepayment_split'
import { InvalidLoanTermsError } from '#domain/loans/schedule_terms'
import { idempotencyScope, requestHash } from '#domain/ledger/request_hash'
import type { Actor, RequestContext } from '#domain/audit/actor'
import { Money } from '#domain/money/money'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanTransitionRefusedException from '#exceptions/loan_transition_refused_exception'
import LoanRepaymentRefusedException from '#exceptions/loan_repayment_refused_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'

export type RepaymentRequest = { type: 'full' } | { type: 'amount'; amount: bigint }

export interface LoanRepaymentResult {
  loan: Loan
  repayment: { id: number; kind: string; amount: bigint; principal: bigint; interest: bigint; charges: bigint; transactionId: number }
  replayed: boolean
}

/**
 * The borrower repays from the loan's disbursement account, now (API or a
 * branch), in ONE transaction holding the loan's row lock:
 * - `full`: the payoff quote as of the business date (#domain/loans/payoff:
 *   what is due, the principal not yet due and this period's interest pro
 *   rata; later interest is waived, so those instalments are rewritten)
 *   → paid_off;
 * - an amount up to what is due: allocated like a collection;
 * - more than is due: what is due is settled and the rest prepays
 *   principal (with the interest accrued on it this period, see
 *   prepayment_split); the instalments not yet due are recomputed on the
 *   lower principal, their number unchanged;
 * - more than the payoff quote: refused (E_LOAN_REPAYMENT_REFUSED).
 * Idempotent per caller and Idempotency-Key: the same key and request
 * replay the repayment; another request with it is E_IDEMPOTENCY_KEY_REUSED.
 * Throws: LoanNotFound (unknown, or another customer's), LoanTransitionRefused
 * (not active or in arrears), LoanRepaymentRefused, and the ledger's refusals
 * for the borrower's account (frozen, closed, insufficient funds).
 */
@inject()
export default class RepayLoan {
  constructor(private book: BookLoanRepayment) {}

  async handle(input: {
    loanId: number
    /** When set, the loan must be this customer's (else not found) */
    ownerCustomerId?: number | null
    request: RepaymentRequest
    idempotencyKey: string
    actor: Actor
    context: RequestContext
    /** 'YYYY-MM-DD'; today (UTC) by default */
    businessDate?: string
  }): Promise<LoanRepaymentResult> {
    const businessDate = input.businessDate ?? DateTime.utc().toISODate()!
    const key = `repayment:${input.loanId}:${idempotencyScope(input.actor)}:${input.idempotencyKey}`
    const amount = input.request.type === 'amount' ? input.request.amount : null
    const request = { loanId: input.loanId, type: input.request.type, amount }
    return db.transaction(async (trx) => {
      const loan = await lockLoan(trx, input.loanId).catch(() => null)
      if (!loan || (input.ownerCustomerId && loan.customerId !== input.ownerCustomerId)) throw new LoanNotFoundException()
      const replay = await this.#replay(trx, loan, key, requestHash(request))
      if (replay) return replay
      if (loan.status !== 'active' && loan.status !== 'in_arrears') {
        throw new LoanTransitionRefusedException(`Only an active loan or one in arrears can be repaid; this one is ${loan.status.replace('_', ' ')}.`)
      }
      if (amount !== null && amount <= 0n) throw new LoanRepaymentRefusedException('The amount must be positive.')
      const version = await LoanProductVersion.findOrFail(loan.productVersionId, { client: trx })
      const outstanding = (await loanInstalments(trx, loan.id)).map(outstandingOf)
      const quote = await payoffQuoteOf(trx, loan, businessDate)
      if (amount !== null && amount > quote.total) {
        const payoff = Money.of(quote.total, loan.currency)
        throw new LoanRepaymentRefusedException(`That is more than repaying the whole loan costs today: ${payoff.toDecimalString()} ${loan.currency}.`)
      }
      const common = { trx, loan, businessDate, key, request, actor: input.actor, context: input.context }
      const due = outstanding.filter((i) => i.dueDate <= businessDate)
      const owedNow = due.reduce((sum, i) => sum + i.principal + i.interest + i.fee + i.penalty, 0n)
      let booked: BookedRepayment
      if (amount === null || amount === quote.total) {
        const scheduleBefore = await waiveFutureInterest(trx, loan, businessDate, quote.accruedInterest)
        const rewritten = (await loanInstalments(trx, loan.id)).map(outstandingOf)
        booked = await this.book.handle({ ...common, kind: 'payoff', allocation: allocateRepayment(quote.total, rewritten, version.allocationOrder), scheduleBefore })
      } else if (amount <= owedNow) {
        booked = await this.book.handle({ ...common, kind: 'repayment', allocation: allocateRepayment(amount, due, version.allocationOrder) })
      } else {
        booked = await this.#prepay(common, version, outstanding, due, owedNow, amount)
      }
      await refreshLoanStanding(trx, { loan, businessDate, actor: input.actor, context: input.context })
      return { loan, repayment: await this.#repayment(trx, booked.transactionId), replayed: false }
    })
  }

  /** Settles what is due, prepays the rest and recomputes the instalments not yet due */
  async #prepay(
    common: Omit<Parameters<BookLoanRepayment['handle']>[0], 'kind' | 'allocation'>,
    version: LoanProductVersion,
    outstanding: OutstandingInstalment[],
    due: OutstandingInstalment[],
    owedNow: bigint,
    amount: bigint
  ) {
    const { trx, loan, businessDate } = common
    const future = outstanding.filter((i) => i.dueDate > businessDate)
    const futurePrincipal = future.reduce((sum, i) => sum + i.principal, 0n)
    const terms = {
      principal: loan.principal, annualRatePpm: loan.annualRatePpm, termCount: loan.termCount,
      frequency: loan.frequency, amortisation: loan.amortisation, startDate: loan.startDate!,
    }
    const split = prepaymentSplit({ terms, nextInstalmentNumber: future[0].number, available: amount - owedNow, asOf: businessDate })
    let rescheduled
    try {
      rescheduled = rescheduleAfterPrepayment({
        terms, nextInstalmentNumber: future[0].number, outstandingPrincipal: futurePrincipal, prepayment: split.principal, asOf: businessDate,
      })
    } catch (error) {
      if (error instanceof InvalidLoanTermsError) throw new LoanRepaymentRefusedException(`That prepayment cannot be scheduled: ${error.message}.`)
      throw error
    }
    const scheduleBefore = await rescheduleFutureInstalments(trx, loan, businessDate, rescheduled.schedule)
    return this.book.handle({
      ...common,
      kind: 'repayment',
      allocation: allocateRepayment(owedNow, due, version.allocationOrder),
      prepaid: { principal: split.principal, interest: split.interest },
      scheduleBefore,
    })
  }

  /** The key already repaid: the same request gets that repayment back, another one is refused */
  async #replay(trx: TransactionClientContract, loan: Loan, key: string, hash: string): Promise<LoanRepaymentResult | null> {
    const prior = await trx.from('idempotency_keys').where({ scope: LOAN_POSTING_SCOPE, key }).first()
    if (!prior) return null
    if (prior.request_hash !== hash) throw new IdempotencyKeyReusedException()
    return { loan, repayment: await this.#repayment(trx, Number(prior.resource_id)), replayed: true }
  }

  async #repayment(trx: TransactionClientContract, transactionId: number) {
    const row = await trx.from('loan_repayments').where('transaction_id', transactionId).firstOrFail()
    return {
      id: Number(row.id),
      kind: row.kind,
      amount: BigInt(row.amount),
      principal: BigInt(row.principal),
      interest: BigInt(row.interest),
      charges: BigInt(row.fee) + BigInt(row.penalty),
      transactionId,
    }
  }
}
