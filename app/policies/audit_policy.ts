import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** The audit trail and its chain verification */
export default class AuditPolicy extends BackofficeBasePolicy {
  view(user: BackofficeUser) {
    return this.may(user, 'audit.view')
  }

  verify(user: BackofficeUser) {
    return this.may(user, 'audit.verify')
  }
}
