import { DomainException } from '#exceptions/domain_exception'

/** A repayment the loan cannot take: more than its payoff amount, or a prepayment that cannot be rescheduled */
export default class LoanRepaymentRefusedException extends DomainException {
  static status = 422
  static code = 'E_LOAN_REPAYMENT_REFUSED'
  static title = 'Repayment refused'
  static message = 'The loan cannot take this repayment.'
}
