import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Access-request exports and erasure of a customer's personal data */
export default class CustomerPrivacyPolicy extends BackofficeBasePolicy {
  /** Create an export and download it (each download audited) */
  export(user: BackofficeUser) {
    return this.may(user, 'customers.export')
  }

  /** See the erasure state and request an erasure (four-eyes) */
  erase(user: BackofficeUser) {
    return this.may(user, 'customers.erase')
  }
}
