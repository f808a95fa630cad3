import { DomainException } from '#exceptions/domain_exception'

/** No such repayment of this loan */
export default class LoanRepaymentNotFoundException extends DomainException {
  static status = 404
  static code = 'E_LOAN_REPAYMENT_NOT_FOUND'
  static title = 'Repayment not found'
  static message = 'No such repayment of this loan.'
}
