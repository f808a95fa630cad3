import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** The development-only page of captured mail (its routes do not exist in production) */
export default class DevMailPolicy extends BackofficeBasePolicy {
  view(user: BackofficeUser) {
    return this.may(user, 'dev.mail')
  }
}
