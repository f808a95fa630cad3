import { BaseTransformer } from '@adonisjs/core/transformers'
import type RiskAlertActivity from '#models/risk_alert_activity'

const LABELS: Record<string, string> = {
  'raised': 'Raised by the rules',
  'assigned': 'Assigned',
  'note.added': 'Note',
  'dismissed': 'Dismissed',
  'confirmed': 'Confirmed',
  'escalated': 'Escalated (compliance case opened)',
  'account.frozen': 'Account frozen',
  'account.unfrozen': 'Account unfrozen',
  'hold.captured': 'Held payment captured',
  'hold.released': 'Held payment released',
  'hold.settlement_requested': 'Hold settlement sent for approval (four-eyes)',
}

/** One line of an alert's history (staff preloaded; null: the system) */
export default class RiskAlertActivityTransformer extends BaseTransformer<RiskAlertActivity> {
  toObject() {
    const line = this.resource
    const details = line.details ?? {}
    return {
      id: Number(line.id),
      action: line.action,
      label: LABELS[line.action] ?? line.action,
      note: line.note,
      staff: line.staff ? { id: Number(line.staff.id), fullName: line.staff.fullName } : null,
      /** the few details worth a line on the page, as text */
      details: Object.entries(details)
        .filter(([key]) => ['assignee', 'account_number', 'outcome', 'approval_id', 'case_id'].includes(key))
        .map(([key, value]) => ({ key, value: String(value) })),
      createdAt: line.createdAt.toISO(),
    }
  }
}
