import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import type RiskAlertActivity from '#models/risk_alert_activity'
import type { RequestContext } from '#domain/audit/actor'
import { lockAlert, recordAlertActivity } from '#actions/risk/alert_activity'

export interface AddAlertNoteInput {
  alertId: number
  note: string
  staff: StaffUser
  context: RequestContext
}

/** A note on an alert's history (any status), with its audit row */
export default class AddAlertNote {
  async handle(input: AddAlertNoteInput): Promise<RiskAlertActivity> {
    return db.transaction(async (trx) => {
      const alert = await lockAlert(trx, input.alertId, 'note')
      return recordAlertActivity(trx, {
        alert,
        staff: input.staff,
        action: 'note.added',
        note: input.note,
        context: input.context,
      })
    })
  }
}
