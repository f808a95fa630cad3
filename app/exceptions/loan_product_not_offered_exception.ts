import { DomainException } from '#exceptions/domain_exception'

/** An application names a product that does not exist, is retired or has no published version (422: the product is an input) */
export default class LoanProductNotOfferedException extends DomainException {
  static status = 422
  static code = 'E_LOAN_PRODUCT_NOT_OFFERED'
  static title = 'Loan product not offered'
  static message = 'No such loan product is offered.'

  errors = [{ field: 'productId', message: 'No such loan product is offered.', rule: 'offered' }]
}
