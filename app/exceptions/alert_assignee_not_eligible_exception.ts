import { DomainException } from '#exceptions/domain_exception'

/** Alerts are assigned only to active staff who may work them (risk.alerts.work) */
export default class AlertAssigneeNotEligibleException extends DomainException {
  static status = 422
  static code = 'E_ALERT_ASSIGNEE_NOT_ELIGIBLE'
  static title = 'Cannot be assigned'
  static message = 'Alerts can only be assigned to an active compliance officer or administrator.'
}
