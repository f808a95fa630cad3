import { DomainException } from '#exceptions/domain_exception'

/** The repayment was reversed already: a repayment is reversed at most once */
export default class LoanRepaymentAlreadyReversedException extends DomainException {
  static status = 409
  static code = 'E_LOAN_REPAYMENT_ALREADY_REVERSED'
  static title = 'Repayment already reversed'
  static message = 'This repayment has already been reversed.'
}
