import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Staff and roles (admins). Role changes and 2FA resets go through four-eyes */
export default class StaffPolicy extends BackofficeBasePolicy {
  viewAny(user: BackofficeUser) {
    return this.may(user, 'staff.view')
  }

  manage(user: BackofficeUser) {
    return this.may(user, 'staff.manage')
  }
}
