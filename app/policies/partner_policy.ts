import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/**
 * Partner fintechs (open banking): see them with their consents and access
 * logs; register one and reactivate a suspended one (four-eyes: another
 * administrator approves); suspend one at once; revoke a consent.
 */
export default class PartnerPolicy extends BackofficeBasePolicy {
  viewAny(user: BackofficeUser) {
    return this.may(user, 'partners.view')
  }

  /** Request a registration (four-eyes) */
  register(user: BackofficeUser) {
    return this.may(user, 'partners.register')
  }

  /** Suspend at once; request a reactivation (four-eyes) */
  suspend(user: BackofficeUser) {
    return this.may(user, 'partners.suspend')
  }

  revokeConsent(user: BackofficeUser) {
    return this.may(user, 'consents.revoke')
  }
}
