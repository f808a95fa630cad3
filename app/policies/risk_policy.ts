import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/** Anomaly detection: the compliance alert queue and the payments it holds */
export default class RiskPolicy extends BackofficeBasePolicy {
  viewAlerts(user: BackofficeUser) {
    return this.may(user, 'risk.alerts.view')
  }

  /** Assign, note, freeze / unfreeze the account, dismiss, confirm, escalate */
  workAlerts(user: BackofficeUser) {
    return this.may(user, 'risk.alerts.work')
  }

  /** Capture or release a held payment (four-eyes above the posting limit) */
  settleHolds(user: BackofficeUser) {
    return this.may(user, 'risk.holds.settle')
  }

  /** See and change the rules and typologies (a change is four-eyes: another administrator approves) */
  configure(user: BackofficeUser) {
    return this.may(user, 'risk.configure')
  }
}
