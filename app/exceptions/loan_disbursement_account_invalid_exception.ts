import { DomainException } from '#exceptions/domain_exception'

/**
 * The account a loan would be paid into is not the applicant's own open
 * current or savings account in the product's currency (another
 * customer's account is refused the same way: existence never leaks)
 */
export default class LoanDisbursementAccountInvalidException extends DomainException {
  static status = 422
  static code = 'E_LOAN_DISBURSEMENT_ACCOUNT_INVALID'
  static title = 'Disbursement account not usable'
  static message = 'The loan can only be paid into one of your open current or savings accounts in its currency.'

  constructor(message?: string) {
    super(message)
    this.errors = [{ field: 'disbursementAccountId', message: this.message, rule: 'disbursementAccount' }]
  }
}
