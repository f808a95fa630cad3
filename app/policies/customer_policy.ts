import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Customers, their KYC status and documents */
export default class CustomerPolicy extends BackofficeBasePolicy {
  viewAny(user: BackofficeUser) {
    return this.may(user, 'customers.view')
  }

  view(user: BackofficeUser) {
    return this.may(user, 'customers.view')
  }

  /** Reveal date of birth, phone and other sensitive identifiers (each reveal is audited) */
  viewPii(user: BackofficeUser) {
    return this.may(user, 'customers.view_pii')
  }

  create(user: BackofficeUser) {
    return this.may(user, 'customers.create')
  }

  update(user: BackofficeUser) {
    return this.may(user, 'customers.update')
  }

  reviewKyc(user: BackofficeUser) {
    return this.may(user, 'customers.kyc')
  }

  /** Lower at once or request a raise (four-eyes) of a customer's payment limits */
  changePaymentLimits(user: BackofficeUser) {
    return this.may(user, 'customers.payment_limits')
  }

  uploadDocument(user: BackofficeUser) {
    return this.may(user, 'customers.documents')
  }

  downloadDocument(user: BackofficeUser) {
    return this.may(user, 'customers.documents_view')
  }
}
