import { DomainException } from '#exceptions/domain_exception'

/** A new loan product's code is already used by another product */
export default class LoanProductCodeTakenException extends DomainException {
  static status = 409
  static code = 'E_LOAN_PRODUCT_CODE_TAKEN'
  static title = 'Loan product code taken'
  static message = 'A loan product with this code already exists; choose another code or change that product.'
}
