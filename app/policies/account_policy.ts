import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Customer accounts: opening, status changes, statements */
export default class AccountPolicy extends BackofficeBasePolicy {
  view(user: BackofficeUser) {
    return this.may(user, 'accounts.view')
  }

  export(user: BackofficeUser) {
    return this.may(user, 'accounts.export')
  }

  open(user: BackofficeUser) {
    return this.may(user, 'accounts.open')
  }

  freeze(user: BackofficeUser) {
    return this.may(user, 'accounts.freeze')
  }

  close(user: BackofficeUser) {
    return this.may(user, 'accounts.close')
  }
}
