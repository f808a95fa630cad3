import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import RiskAlert from '#models/risk_alert'
import RiskAlertActivity from '#models/risk_alert_activity'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { type AlertStep, alertStepAllowed } from '#domain/risk/alert_status'
import AlertStepRefusedException from '#exceptions/alert_step_refused_exception'

/**
 * The alert actions' shared steps: lock the alert row (two officers
 * working the same alert act one after the other), refuse a step its
 * status does not allow, and write one activity line with its audit row
 * (`risk.alert.<action>`, before / after) in the caller's transaction.
 */
export async function lockAlert(trx: TransactionClientContract, alertId: number, step: AlertStep): Promise<RiskAlert> {
  const alert = await RiskAlert.query({ client: trx }).where('id', alertId).forUpdate().firstOrFail()
  if (!alertStepAllowed(alert.status, step)) throw new AlertStepRefusedException(alert.status, step)
  alert.useTransaction(trx)
  return alert
}

export interface AlertActivityInput {
  alert: RiskAlert
  staff: StaffUser
  /** dotted, past tense within the alert: 'assigned', 'note.added', 'account.frozen' */
  action: string
  note?: string | null
  details?: Record<string, unknown> | null
  before?: Record<string, unknown>
  after?: Record<string, unknown>
  context: RequestContext
}

export async function recordAlertActivity(trx: TransactionClientContract, input: AlertActivityInput) {
  const activity = await RiskAlertActivity.create(
    {
      alertId: input.alert.id,
      staffId: input.staff.id,
      action: input.action,
      note: input.note ?? null,
      details: input.details ?? null,
    },
    { client: trx }
  )
  await AuditTrail.record(
    {
      actor: { type: 'staff', id: input.staff.id },
      action: `risk.alert.${input.action}`,
      subject: { type: 'risk_alert', id: input.alert.id },
      before: input.before ?? null,
      after: input.after ?? null,
      metadata: { ...(input.note ? { note: input.note } : {}), ...(input.details ?? {}) },
      ...input.context,
    },
    trx
  )
  return activity
}

/** The fields an alert's audit rows show before / after a change */
export function alertSnapshot(alert: RiskAlert) {
  return { status: alert.status, assignee_id: alert.assigneeId === null ? null : String(alert.assigneeId) }
}
