import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** The backoffice dashboard (figures of the day, charts, customer directory) */
export default class DashboardPolicy extends BackofficeBasePolicy {
  view(user: BackofficeUser) {
    return this.may(user, 'dashboard.view')
  }
}
