import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type RiskAlert from '#models/risk_alert'
import ComplianceCase from '#models/compliance_case'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import { isClosedStatus, nextAlertStatus } from '#domain/risk/alert_status'
import { alertSnapshot, lockAlert, recordAlertActivity } from '#actions/risk/alert_activity'
import AlertStepRefusedException from '#exceptions/alert_step_refused_exception'

export type AlertOutcome = 'dismiss' | 'confirm' | 'escalate'

export interface ResolveAlertInput {
  alertId: number
  outcome: AlertOutcome
  /** Required for every outcome: why it was dismissed, what was confirmed, what the case is about */
  reason: string
  staff: StaffUser
  context: RequestContext
}

const ACTIONS: Record<AlertOutcome, string> = { dismiss: 'dismissed', confirm: 'confirmed', escalate: 'escalated' }

/**
 * The decision on an alert under investigation: dismiss (a false
 * positive), confirm (suspicious activity confirmed) or escalate (also
 * from confirmed: opens a compliance case for a suspicious activity
 * report, its summary the reason). Row lock, status, closed_at, the case,
 * activity line and audit row in one transaction.
 * Throws: AlertStepRefused (#domain/risk/alert_status).
 */
export default class ResolveAlert {
  async handle(input: ResolveAlertInput): Promise<{ alert: RiskAlert; caseId: number | null }> {
    return db.transaction(async (trx) => {
      const alert = await lockAlert(trx, input.alertId, input.outcome)
      const status = nextAlertStatus(alert.status, input.outcome)
      if (!status) throw new AlertStepRefusedException(alert.status, input.outcome)
      const before = alertSnapshot(alert)
      alert.merge({ status, closedAt: isClosedStatus(alert.status) ? alert.closedAt : DateTime.now() })
      await alert.save()

      let caseId: number | null = null
      if (input.outcome === 'escalate') {
        const opened = await ComplianceCase.create(
          { alertId: alert.id, customerId: alert.customerId, summary: input.reason, createdBy: input.staff.id, status: 'open' },
          { client: trx }
        )
        caseId = opened.id
      }
      await recordAlertActivity(trx, {
        alert,
        staff: input.staff,
        action: ACTIONS[input.outcome],
        note: input.reason,
        details: caseId ? { case_id: String(caseId) } : null,
        before,
        after: alertSnapshot(alert),
        context: input.context,
      })
      return { alert, caseId }
    })
  }
}
