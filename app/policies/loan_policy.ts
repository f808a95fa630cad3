import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Loans: the review queue, an application's page and the officers' steps on it (#domain/staff/permissions) */
export default class LoanPolicy extends BackofficeBasePolicy {
  /** The queue, every loan, its schedule, documents, notes and history */
  view(user: BackofficeUser) {
    return this.may(user, 'loans.view')
  }

  /** Submit an application on a customer's behalf, or withdraw one at their request */
  apply(user: BackofficeUser) {
    return this.may(user, 'loans.apply')
  }

  /** Take an application for review, note, approve (a second officer above the product's threshold) or reject it */
  review(user: BackofficeUser) {
    return this.may(user, 'loans.review')
  }

  /** Pay an approved loan into the borrower's account */
  disburse(user: BackofficeUser) {
    return this.may(user, 'loans.disburse')
  }
}
