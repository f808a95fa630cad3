import { DomainException } from '#exceptions/domain_exception'

/**
 * This repayment cannot be reversed: it is not the loan's latest
 * repayment still standing (reverse the later ones first), it is a
 * reversal or a write-off, or it rewrote the schedule (a prepayment, a
 * payoff) without keeping what the schedule was.
 */
export default class LoanRepaymentNotReversibleException extends DomainException {
  static status = 409
  static code = 'E_LOAN_REPAYMENT_NOT_REVERSIBLE'
  static title = 'Repayment not reversible'
  static message = 'This repayment cannot be reversed.'
}
