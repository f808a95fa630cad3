import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** The job queue page: depth, failures, dead letters, and retrying them */
export default class QueuePolicy extends BackofficeBasePolicy {
  view(user: BackofficeUser) {
    return this.may(user, 'queue.view')
  }

  retry(user: BackofficeUser) {
    return this.may(user, 'queue.retry')
  }
}
