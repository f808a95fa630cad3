import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Loans: the review queue, an application's page, the officers' steps on it and servicing a paid-out loan (#domain/staff/permissions) */
export default class LoanPolicy extends BackofficeBasePolicy {
  /** The queue, every loan, its schedule, documents, notes and history */
  view(user: BackofficeUser) {
    return this.may(user, 'loans.view')
  }

  /** Submit an application on a customer's behalf, or withdraw one at their request */
  apply(user: BackofficeUser) {
    return this.may(user, 'loans.apply')
  }

  /** Attach a document (payslip, statement ...) to an application on the customer's behalf, while it is submitted or under review */
  attachDocument(user: BackofficeUser) {
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

  /** Take a repayment or the payoff from the borrower's account at their request (at a branch) */
  repay(user: BackofficeUser) {
    return this.may(user, 'loans.repay')
  }

  /** Request a write-off of an active loan or one in arrears (four-eyes) */
  writeOff(user: BackofficeUser) {
    return this.may(user, 'loans.write_off')
  }

  /** Request the reversal of a mistaken repayment (four-eyes, the ledger's reversal permission) */
  reverseRepayment(user: BackofficeUser) {
    return this.may(user, 'ledger.reverse')
  }
}
