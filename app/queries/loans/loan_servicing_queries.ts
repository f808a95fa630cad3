import db from '@adonisjs/lucid/services/db'
import type Loan from '#models/loan'
import { reversibleRepayment } from '#actions/loans/reversible_repayment'
import { Money } from '#domain/money/money'
import { DomainException } from '#exceptions/domain_exception'

/** The four-eyes requests about a loan that the servicing panel waits on */
export const SERVICING_APPROVAL_KINDS = ['loans.write_off', 'loans.repayment_reversal'] as const

/**
 * Read models of a paid-out loan's servicing on the backoffice loan page:
 * its repayments (loan_repayments, oldest first), the one repayment that
 * may be reversed now, and the write-off or reversal requests pending.
 */
export default class LoanServicingQueries {
  /** Every repayment row of the loan (collections, repayments, payoffs, write-offs, reversals), oldest first */
  async repayments(loanId: number, currency: string) {
    const rows = await db
      .from('loan_repayments as r')
      .leftJoin('loan_repayments as x', 'x.reverses_id', 'r.id')
      .where('r.loan_id', loanId)
      .orderBy('r.id')
      .select(
        'r.id', 'r.kind', db.raw(`to_char(r.business_date, 'YYYY-MM-DD') as business_date`), 'r.amount', 'r.principal',
        'r.interest', 'r.fee', 'r.penalty', 'r.transaction_id', 'r.reverses_id', 'r.actor_type', 'x.id as reversed_by'
      )
    const m = (minor: string | bigint) => Money.of(BigInt(minor), currency).toJSON()
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind as string,
      date: r.business_date as string,
      amount: m(r.amount),
      principal: m(r.principal),
      interest: m(r.interest),
      charges: m(BigInt(r.fee) + BigInt(r.penalty)),
      transactionId: Number(r.transaction_id),
      reverses: r.reverses_id === null ? null : Number(r.reverses_id),
      reversedBy: r.reversed_by === null ? null : Number(r.reversed_by),
      by: r.actor_type as string,
    }))
  }

  /**
   * The repayment that reversibleRepayment() accepts now (only ever the
   * latest one still standing), or why none is: the rules live there.
   */
  async reversibleNow(loan: Loan): Promise<{ repaymentId: number | null; why: string | null }> {
    const latest = await db
      .from('loan_repayments as r')
      .where('r.loan_id', loan.id)
      .whereNot('r.kind', 'reversal')
      .whereNotExists((q) => q.from('loan_repayments as x').whereRaw('x.reverses_id = r.id'))
      .orderBy('r.id', 'desc')
      .select('r.id')
      .first()
    if (!latest) return { repaymentId: null, why: null }
    try {
      const repayment = await reversibleRepayment(db.connection(), loan, Number(latest.id))
      return { repaymentId: repayment.id, why: null }
    } catch (error) {
      if (error instanceof DomainException) return { repaymentId: null, why: error.message }
      throw error
    }
  }

  /** The pending write-off and reversal requests of the loan (one of each at most) */
  async pendingRequests(loanId: number) {
    const rows = await db
      .from('approvals')
      .whereIn('kind', [...SERVICING_APPROVAL_KINDS])
      .where({ status: 'pending', subject_type: 'loan', subject_id: String(loanId) })
      .select('id', 'kind', 'payload')
    const find = (kind: string) => rows.find((r) => r.kind === kind)
    const writeOff = find('loans.write_off')
    const reversal = find('loans.repayment_reversal')
    return {
      writeOff: writeOff ? { id: Number(writeOff.id) } : null,
      reversal: reversal ? { id: Number(reversal.id), repaymentId: Number(reversal.payload.repaymentId) } : null,
    }
  }
}
