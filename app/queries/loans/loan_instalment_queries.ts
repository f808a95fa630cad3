import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import type { OutstandingInstalment } from '#domain/loans/allocation'
import { payoffQuote, type PayoffQuote } from '#domain/loans/payoff'

/** One stored instalment: what was due and what was paid, per component (minor units) */
export interface StoredInstalment {
  number: number
  dueDate: string
  due: { principal: bigint; interest: bigint; fee: bigint; penalty: bigint }
  paid: { principal: bigint; interest: bigint; fee: bigint; penalty: bigint }
  settledAt: Date | null
}

/** What remains of a stored instalment, in the allocation's shape */
export function outstandingOf(instalment: StoredInstalment): OutstandingInstalment {
  return {
    number: instalment.number,
    dueDate: instalment.dueDate,
    principal: instalment.due.principal - instalment.paid.principal,
    interest: instalment.due.interest - instalment.paid.interest,
    fee: instalment.due.fee - instalment.paid.fee,
    penalty: instalment.due.penalty - instalment.paid.penalty,
  }
}

/**
 * A loan's stored schedule (loan_instalments), by number. Pass the
 * transaction that locked the loan when the result decides a posting.
 */
export async function loanInstalments(client: QueryClientContract, loanId: number): Promise<StoredInstalment[]> {
  const rows = await client
    .from('loan_instalments')
    .where('loan_id', loanId)
    .orderBy('number')
    .select(
      'number',
      client.raw(`to_char(due_date, 'YYYY-MM-DD') as due_date`),
      'principal', 'interest', 'fee', 'penalty',
      'principal_paid', 'interest_paid', 'fee_paid', 'penalty_paid', 'settled_at'
    )
  return rows.map((row) => ({
    number: row.number,
    dueDate: row.due_date,
    due: { principal: BigInt(row.principal), interest: BigInt(row.interest), fee: BigInt(row.fee), penalty: BigInt(row.penalty) },
    paid: {
      principal: BigInt(row.principal_paid),
      interest: BigInt(row.interest_paid),
      fee: BigInt(row.fee_paid),
      penalty: BigInt(row.penalty_paid),
    },
    settledAt: row.settled_at,
  }))
}

/** The payoff quote of a disbursed loan as of a date, from its stored instalments (#domain/loans/payoff) */
export async function payoffQuoteOf(client: QueryClientContract, loan: Loan, asOf: string): Promise<PayoffQuote> {
  const outstanding = (await loanInstalments(client, loan.id)).map(outstandingOf)
  return payoffQuote({ annualRatePpm: loan.annualRatePpm, frequency: loan.frequency, startDate: loan.startDate! }, outstanding, asOf)
}
