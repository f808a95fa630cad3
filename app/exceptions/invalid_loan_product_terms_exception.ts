import { DomainException } from '#exceptions/domain_exception'
import type { TermProblem } from '#domain/loans/product_terms'

/** Loan product terms the domain refuses (min above max, an order that is not a permutation ...); `errors` names each term */
export default class InvalidLoanProductTermsException extends DomainException {
  static status = 422
  static code = 'E_INVALID_LOAN_PRODUCT_TERMS'
  static title = 'Invalid loan product terms'
  static message = 'The loan product terms are not valid; nothing was changed.'

  static of(problems: TermProblem[]) {
    const exception = new InvalidLoanProductTermsException(
      `The loan product terms are not valid: ${problems.map((p) => p.message).join('; ')}`
    )
    exception.errors = problems.map((p) => ({ field: p.field, message: p.message }))
    return exception
  }
}
