import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import type { Allocation } from '#domain/loans/allocation'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { requestHash } from '#domain/ledger/request_hash'
import { callLedgerFunction } from '#services/ledger/ledger_functions'

export type RepaymentKind = 'collection' | 'repayment' | 'payoff'

export interface BookedRepayment {
  transactionId: number
  repaymentId: number | null
  /** The key had already booked: nothing moved this time */
  replayed: boolean
}

/** The idempotency scope of every loan posting (disbursement, repayments) */
export const LOAN_POSTING_SCOPE = 'loans'

/**
 * Books one allocated repayment of a disbursed loan, inside the caller's
 * transaction (which locked the loan row): ledger_post_loan_repayment
 * moves the money (borrower → receivable, interest income, fee income),
 * then each instalment's paid amounts grow by its allocation line (marked
 * settled when nothing is left), and one loan_repayments row records the
 * split. A prepayment's principal (and the interest accrued on it) belongs
 * to no instalment: it is booked and recorded as a line of its own, and
 * the caller has already rescheduled the instalments not yet due. Idempotent by `key` (scope 'loans'): a key that already booked
 * returns that transaction and changes nothing, because the first call
 * wrote the instalments in the same transaction as the posting.
 * Throws the ledger's refusals for the borrower's account (frozen,
 * closed, insufficient funds, ...).
 */
export default class BookLoanRepayment {
  async handle(input: {
    trx: TransactionClientContract
    loan: Loan
    kind: RepaymentKind
    businessDate: string
    allocation: Allocation
    /** Paid beyond the instalments: a prepayment's principal and the interest accrued on it this period */
    prepaid?: { principal: bigint; interest: bigint }
    /** The instalments not yet due as they were before a prepayment or payoff rewrote them */
    scheduleBefore?: Array<{ number: number; principal: string; interest: string }>
    key: string
    /** What the idempotency key stands for; by default the kind, loan, date and total */
    request?: Record<string, string | number | bigint | null>
    actor: Actor
    context: RequestContext
  }): Promise<BookedRepayment> {
    const { trx, loan, allocation } = input
    const prepaid = input.prepaid ?? { principal: 0n, interest: 0n }
    const { fee, penalty } = allocation.totals
    const principal = allocation.totals.principal + prepaid.principal
    const interest = allocation.totals.interest + prepaid.interest
    const total = allocation.totals.total + prepaid.principal + prepaid.interest
    const hash = requestHash(input.request ?? { kind: input.kind, loanId: loan.id, date: input.businessDate, total })
    const posted = await callLedgerFunction(
      `ledger_post_loan_repayment(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::bigint, ?::bigint,
        ?::bigint, ?::bigint, ?::text, ?::text, ?::jsonb, ?::jsonb)`,
      [
        LOAN_POSTING_SCOPE,
        input.key,
        hash,
        loan.accountId,
        loan.disbursementAccountId,
        loan.customerId,
        principal.toString(),
        interest.toString(),
        (fee + penalty).toString(),
        loan.currency,
        `Loan ${loan.id}`,
        JSON.stringify({ loan_id: loan.id, repayment: input.kind, business_date: input.businessDate }),
        JSON.stringify(auditEnvelope(input.actor, input.context, { loan_id: loan.id })),
      ],
      trx,
      { scope: LOAN_POSTING_SCOPE, key: input.key }
    )
    const transactionId = Number(posted.id)
    if (posted.replayed === true) return { transactionId, repaymentId: null, replayed: true }

    for (const line of allocation.lines) {
      await trx
        .from('loan_instalments')
        .where({ loan_id: loan.id, number: line.number })
        .update({
          principal_paid: trx.raw('principal_paid + ?::bigint', [line.principal.toString()]),
          interest_paid: trx.raw('interest_paid + ?::bigint', [line.interest.toString()]),
          fee_paid: trx.raw('fee_paid + ?::bigint', [line.fee.toString()]),
          penalty_paid: trx.raw('penalty_paid + ?::bigint', [line.penalty.toString()]),
        })
    }
    await trx.rawQuery(
      `update loan_instalments set settled_at = now()
        where loan_id = ? and settled_at is null
          and principal_paid = principal and interest_paid = interest and fee_paid = fee and penalty_paid = penalty`,
      [loan.id]
    )
    const [row] = await trx
      .table('loan_repayments')
      .insert({
        loan_id: loan.id,
        kind: input.kind,
        business_date: input.businessDate,
        amount: total.toString(),
        principal: principal.toString(),
        interest: interest.toString(),
        fee: fee.toString(),
        penalty: penalty.toString(),
        allocation: JSON.stringify([
          ...allocation.lines.map((line) => ({
            number: line.number,
            principal: line.principal.toString(),
            interest: line.interest.toString(),
            fee: line.fee.toString(),
            penalty: line.penalty.toString(),
          })),
          ...(prepaid.principal + prepaid.interest > 0n
            ? [{ number: null, prepayment: true, principal: prepaid.principal.toString(), interest: prepaid.interest.toString(), fee: '0', penalty: '0' }]
            : []),
        ]),
        schedule_before: input.scheduleBefore ? JSON.stringify(input.scheduleBefore) : null,
        transaction_id: transactionId,
        actor_type: input.actor.type,
        actor_id: input.actor.id === undefined || input.actor.id === null ? null : String(input.actor.id),
      })
      .returning('id')
    return { transactionId, repaymentId: Number(row.id), replayed: false }
  }
}
