import db from '@adonisjs/lucid/services/db'
import type RiskAlert from '#models/risk_alert'
import StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import { roleCan } from '#domain/staff/permissions'
import { nextAlertStatus } from '#domain/risk/alert_status'
import { alertSnapshot, lockAlert, recordAlertActivity } from '#actions/risk/alert_activity'
import AlertAssigneeNotEligibleException from '#exceptions/alert_assignee_not_eligible_exception'

export interface AssignAlertInput {
  alertId: number
  /** Who works it: the staff member themself, or another who may work alerts */
  assigneeId: number
  staff: StaffUser
  context: RequestContext
}

/**
 * Gives an open or investigating alert to an active staff member who may
 * work alerts (risk.alerts.work): open → investigating. Row lock, change,
 * activity line and audit row in one transaction.
 * Throws: AlertStepRefused (closed alert), AlertAssigneeNotEligible.
 */
export default class AssignAlert {
  async handle(input: AssignAlertInput): Promise<RiskAlert> {
    return db.transaction(async (trx) => {
      const alert = await lockAlert(trx, input.alertId, 'assign')
      const assignee = await StaffUser.find(input.assigneeId, { client: trx })
      if (!assignee || !assignee.isActive || !roleCan(assignee.role, 'risk.alerts.work')) {
        throw new AlertAssigneeNotEligibleException()
      }
      const before = alertSnapshot(alert)
      alert.merge({ assigneeId: assignee.id, status: nextAlertStatus(alert.status, 'assign')! })
      await alert.save()
      await recordAlertActivity(trx, {
        alert,
        staff: input.staff,
        action: 'assigned',
        details: { assignee_id: String(assignee.id), assignee: assignee.fullName },
        before,
        after: alertSnapshot(alert),
        context: input.context,
      })
      return alert
    })
  }
}
