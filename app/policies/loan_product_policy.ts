import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/**
 * Loan products: every staff member with loans.view sees them, their
 * versions and the changes waiting; administrators (loans.products)
 * request a new product, a new version, a retirement or a reactivation,
 * which another administrator approves in the approvals inbox.
 */
export default class LoanProductPolicy extends BackofficeBasePolicy {
  view(user: BackofficeUser) {
    return this.may(user, 'loans.view')
  }

  /** Request a product change (four-eyes) */
  manage(user: BackofficeUser) {
    return this.may(user, 'loans.products')
  }
}
