import { DomainException } from '#exceptions/domain_exception'

/** No such loan or application, or not one the caller may see */
export default class LoanNotFoundException extends DomainException {
  static status = 404
  static code = 'E_LOAN_NOT_FOUND'
  static title = 'Loan not found'
  static message = 'No such loan.'
}
