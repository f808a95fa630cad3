import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import { transitionLoan } from '#actions/loans/loan_transition'
import { loanInstalments, outstandingOf } from '#queries/loans/loan_instalment_queries'
import { daysPastDue, isUnpaid } from '#domain/loans/arrears'
import type { OutstandingInstalment } from '#domain/loans/allocation'
import NotifyLoanEvent from '#actions/loans/notify_loan_event'
import type { Actor, RequestContext } from '#domain/audit/actor'

/**
 * Brings a disbursed loan's standing up to date as of a business date,
 * after its instalments changed (a repayment, a penalty, a reversal):
 * days past due (#domain/loans/arrears: the oldest instalment with
 * principal, interest or fee outstanding), then the status:
 * - nothing outstanding at all (penalties included) → paid_off;
 * - overdue → in_arrears, caught up → active.
 * Each change of status is audited (transitionLoan). The borrower is told
 * of each missed instalment and of the payoff (NotifyLoanEvent, once each).
 * The caller holds the loan's row lock. Returns the loan.
 */
export async function refreshLoanStanding(
  trx: TransactionClientContract,
  step: { loan: Loan; businessDate: string; actor: Actor; context: RequestContext }
): Promise<Loan> {
  const { loan } = step
  if (loan.status !== 'active' && loan.status !== 'in_arrears') return loan
  const outstanding = (await loanInstalments(trx, loan.id)).map(outstandingOf)
  const days = daysPastDue(outstanding, step.businessDate)
  const owed = outstanding.reduce((sum, i) => sum + i.principal + i.interest + i.fee + i.penalty, 0n)
  const common = { actor: step.actor, context: step.context, changes: { daysPastDue: days } }
  if (owed === 0n) {
    await transitionLoan(trx, { ...common, loan, to: 'paid_off', changes: { daysPastDue: 0, closedAt: DateTime.utc() } })
    await notify.handle(trx, { event: 'loan_paid_off', loan, data: {} })
    return loan
  }
  if (days > 0) await notifyMissed(trx, loan, outstanding, step.businessDate, days)
  if (days > 0 && loan.status === 'active') {
    return transitionLoan(trx, { ...common, loan, to: 'in_arrears', details: { days_past_due: days } })
  }
  if (days === 0 && loan.status === 'in_arrears') {
    return transitionLoan(trx, { ...common, loan, to: 'active' })
  }
  if (loan.daysPastDue !== days) {
    loan.useTransaction(trx)
    loan.daysPastDue = days
    await loan.save()
  }
  return loan
}

const notify = new NotifyLoanEvent()

/** The borrower hears of each missed instalment once (the notice's dedupe key is per instalment) */
async function notifyMissed(
  trx: TransactionClientContract,
  loan: Loan,
  outstanding: OutstandingInstalment[],
  businessDate: string,
  days: number
) {
  const overdue = outstanding.filter((i) => i.dueDate < businessDate && isUnpaid(i))
  const latest = overdue[overdue.length - 1]
  if (!latest) return
  await notify.handle(trx, {
    event: 'loan_repayment_missed',
    loan,
    data: {
      instalment: latest.number,
      overdue: overdue.reduce((sum, i) => sum + i.principal + i.interest + i.fee + i.penalty, 0n),
      daysPastDue: days,
      dueDate: latest.dueDate,
    },
  })
}
