import { DomainException } from '#exceptions/domain_exception'

/** The principal or the number of instalments is outside the product's ranges; `errors` names each field */
export default class LoanTermsOutOfRangeException extends DomainException {
  static status = 422
  static code = 'E_LOAN_TERMS_OUT_OF_RANGE'
  static title = 'Loan terms out of range'
  static message = "The amount or the term is outside the product's limits."
}
