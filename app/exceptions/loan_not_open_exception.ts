import { DomainException } from '#exceptions/domain_exception'

/**
 * The loan is not running (active or in arrears): a write-off or the
 * reversal of a repayment is refused. A paid-off loan cannot be reopened,
 * nor a written-off one written off or changed again.
 */
export default class LoanNotOpenException extends DomainException {
  static status = 409
  static code = 'E_LOAN_NOT_OPEN'
  static title = 'Loan not open'
  static message = 'Only an active loan or a loan in arrears can be changed this way.'
}
