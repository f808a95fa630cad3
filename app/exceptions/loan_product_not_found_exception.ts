import { DomainException } from '#exceptions/domain_exception'

/** No loan product with this id (the backoffice's product pages and change requests) */
export default class LoanProductNotFoundException extends DomainException {
  static status = 404
  static code = 'E_LOAN_PRODUCT_NOT_FOUND'
  static title = 'Loan product not found'
  static message = 'This loan product does not exist.'
}
