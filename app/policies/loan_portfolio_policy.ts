import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** The loan portfolio page and its loan-level CSV (#domain/staff/permissions: loans.view) */
export default class LoanPortfolioPolicy extends BackofficeBasePolicy {
  /** Outstanding by product, statuses, arrears buckets, flows, the loans longest overdue */
  view(user: BackofficeUser) {
    return this.may(user, 'loans.view')
  }

  /** The loan-level CSV (customers' names: audited) */
  export(user: BackofficeUser) {
    return this.may(user, 'loans.view')
  }
}
