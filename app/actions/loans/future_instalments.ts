import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import { loanInstalments } from '#queries/loans/loan_instalment_queries'
import type { RepaymentSchedule } from '#domain/loans/schedule'

/** What a rewrite of the instalments not yet due replaced (loan_repayments.schedule_before) */
export type ScheduleSnapshot = Array<{ number: number; principal: string; interest: string }>

/**
 * Rewrites of a loan's instalments not yet due (after the business date),
 * in the caller's transaction holding the loan's row lock. Each returns
 * the snapshot of what it replaced, which the repayment row keeps so that a
 * reversal (ApprovedRepaymentReversal) can put it back.
 */
export async function snapshotFutureInstalments(trx: TransactionClientContract, loanId: number, businessDate: string) {
  return (await loanInstalments(trx, loanId))
    .filter((i) => i.dueDate > businessDate)
    .map((i) => ({ number: i.number, principal: i.due.principal.toString(), interest: i.due.interest.toString() }))
}

/** A prepayment: the instalments not yet due become the recomputed schedule's (same numbers and dates) */
export async function rescheduleFutureInstalments(
  trx: TransactionClientContract,
  loan: Loan,
  businessDate: string,
  schedule: RepaymentSchedule
): Promise<ScheduleSnapshot> {
  const before = await snapshotFutureInstalments(trx, loan.id, businessDate)
  for (const instalment of schedule.instalments) {
    await trx
      .from('loan_instalments')
      .where({ loan_id: loan.id, number: instalment.number })
      .update({ principal: instalment.principal.toString(), interest: instalment.interest.toString() })
  }
  return before
}

/** A payoff: the current period keeps the interest accrued to date, later instalments none; undefined when none is left */
export async function waiveFutureInterest(
  trx: TransactionClientContract,
  loan: Loan,
  businessDate: string,
  accrued: bigint
): Promise<ScheduleSnapshot | undefined> {
  const before = await snapshotFutureInstalments(trx, loan.id, businessDate)
  if (before.length === 0) return undefined
  for (const [index, instalment] of before.entries()) {
    await trx
      .from('loan_instalments')
      .where({ loan_id: loan.id, number: instalment.number })
      .update({ interest: trx.raw('interest_paid + ?::bigint', [(index === 0 ? accrued : 0n).toString()]) })
  }
  return before
}
