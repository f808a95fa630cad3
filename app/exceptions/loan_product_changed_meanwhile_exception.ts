import { DomainException } from '#exceptions/domain_exception'

/** The change was prepared from a version of the product that is no longer the current one */
export default class LoanProductChangedMeanwhileException extends DomainException {
  static status = 409
  static code = 'E_LOAN_PRODUCT_CHANGED_MEANWHILE'
  static title = 'Loan product changed meanwhile'
  static message =
    'The loan product changed since this change was prepared; reload the product (or reject this request) and make the change again.'
}
