import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Loan from '#models/loan'
import AuditTrail from '#services/audit/audit_trail'
import { canTransition, LoanTransitionRefusedError, type LoanState } from '#domain/loans/lifecycle'
import LoanTransitionRefusedException from '#exceptions/loan_transition_refused_exception'
import type { Actor, RequestContext } from '#domain/audit/actor'

/**
 * The one way a loan changes status: the lifecycle (#domain/loans/lifecycle)
 * allows the step or it throws LoanTransitionRefused (E_LOAN_TRANSITION_REFUSED,
 * 409) and nothing is written; otherwise the row is updated with `changes`
 * and one audit row 'loans.loan.<status>' records from → to, in the
 * caller's transaction. The caller locked the loan (FOR UPDATE) when two
 * steps could race (approve vs withdraw, two disbursements).
 */
export async function transitionLoan(
  trx: TransactionClientContract,
  step: {
    loan: Loan
    to: LoanState
    actor: Actor
    context: RequestContext
    reason?: string | null
    changes?: Partial<Loan>
    details?: Record<string, unknown>
  }
): Promise<Loan> {
  const { loan, to } = step
  const from = loan.status
  if (!canTransition(from, to)) throw new LoanTransitionRefusedException(new LoanTransitionRefusedError(from, to).message)
  loan.useTransaction(trx)
  loan.merge({ ...step.changes, status: to })
  await loan.save()
  await AuditTrail.record(
    {
      actor: step.actor,
      action: `loans.loan.${to}`,
      subject: { type: 'loan', id: loan.id },
      before: { status: from },
      after: { status: to, ...(step.reason ? { reason: step.reason } : {}), ...step.details },
      metadata: { customer_id: loan.customerId },
      ...step.context,
    },
    trx
  )
  return loan
}
