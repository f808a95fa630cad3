import { DomainException } from '#exceptions/domain_exception'

/** The requested change would leave the product as it is (same terms, already retired, already active) */
export default class LoanProductUnchangedException extends DomainException {
  static status = 422
  static code = 'E_LOAN_PRODUCT_UNCHANGED'
  static title = 'Nothing changed'
  static message = 'The submitted terms are the same as the current version: nothing to approve.'
}
