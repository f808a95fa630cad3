import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Loan from '#models/loan'
import LoanPolicy from '#policies/loan_policy'
import LoanServicingQueries from '#queries/loans/loan_servicing_queries'
import { payoffQuoteOf } from '#queries/loans/loan_instalment_queries'
import { Money } from '#domain/money/money'

const url = (name: string, params: Record<string, unknown> = {}) => router.urlBuilder.urlFor(name as any, params as any)
const PAID_OUT = ['disbursed', 'active', 'in_arrears', 'paid_off', 'written_off']
const OPEN = ['active', 'in_arrears']

/** Today's payoff quote of an open loan, as the repayment form shows it */
async function quoteOf(loan: Loan) {
  const quote = await payoffQuoteOf(db.connection(), loan, DateTime.utc().toISODate()!)
  const m = (minor: bigint) => Money.of(minor, loan.currency.trim()).toJSON()
  const { penalty, fee, interest, principal } = quote.due
  return {
    asOf: quote.asOf, due: m(penalty + fee + interest + principal), futurePrincipal: m(quote.futurePrincipal),
    accruedInterest: m(quote.accruedInterest), accruedDays: quote.accruedDays, total: m(quote.total),
  }
}

/**
 * The servicing part of backoffice/loans/show for a paid-out loan: its
 * repayments (the one reversible now carries its reversal URL), today's
 * payoff quote while it is open, the pending write-off or reversal
 * request, a fresh idempotency key per form (a form sent twice acts once)
 * and the `can` flags from LoanPolicy combined with the loan's state.
 * `servicing` is null before disbursement.
 */
export async function loanServicingProps({ bouncer, containerResolver }: HttpContext, loan: Loan) {
  const policy = bouncer.with(LoanPolicy)
  const [repay, writeOff, reverse] = [await policy.allows('repay'), await policy.allows('writeOff'), await policy.allows('reverseRepayment')]
  if (!PAID_OUT.includes(loan.status)) return { can: { repay: false, writeOff: false, reverse: false }, servicing: null }
  const queries = await containerResolver.make(LoanServicingQueries)
  const open = OPEN.includes(loan.status)
  const pending = await queries.pendingRequests(loan.id)
  const reversible = await queries.reversibleNow(loan)
  const can = {
    repay: repay && open,
    writeOff: writeOff && open && pending.writeOff === null,
    reverse: reverse && reversible.repaymentId !== null && pending.reversal === null,
  }
  const id = Number(loan.id)
  const approvalUrl = (approvalId: number) => url('backoffice.approvals.show', { id: approvalId })
  const repayments = (await queries.repayments(loan.id, loan.currency.trim())).map((r) => ({
    ...r,
    transactionUrl: url('backoffice.transactions.show', { id: r.transactionId }),
    reverseUrl: can.reverse && r.id === reversible.repaymentId ? url('backoffice.loans.repayments.reverse', { id, repaymentId: r.id }) : null,
    reversalPending: pending.reversal?.repaymentId === r.id ? { id: pending.reversal.id, url: approvalUrl(pending.reversal.id) } : null,
  }))
  return {
    can,
    servicing: {
      open,
      repayments,
      /** why no repayment can be reversed now (null when one can, or when there is none) */
      notReversible: reversible.repaymentId === null ? reversible.why : null,
      payoffQuote: open ? await quoteOf(loan) : null,
      pendingWriteOff: pending.writeOff ? { id: pending.writeOff.id, url: approvalUrl(pending.writeOff.id) } : null,
      keys: { repayment: randomUUID(), writeOff: randomUUID(), reversal: randomUUID() },
      urls: { repay: url('backoffice.loans.repayments.store', { id }), writeOff: url('backoffice.loans.write_off', { id }) },
    },
  }
}
