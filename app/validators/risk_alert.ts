import vine from '@vinejs/vine'
import { text } from '#validators/common'
import { ALERT_AGE_FILTERS, ALERT_SEVERITIES, ALERT_STATUSES } from '#domain/risk/alert_status'

const reason = () => text().trim().minLength(3).maxLength(1000)

/** The compliance queue: filters, order (default oldest-high-first) and server-side pagination */
export const listRiskAlertsValidator = vine.create({
  status: vine.enum([...ALERT_STATUSES, 'active', 'all'] as const).optional(),
  severity: vine.enum(ALERT_SEVERITIES).optional(),
  typology: text().trim().maxLength(64).regex(/^[a-z0-9_.-]+$/).optional(),
  /** a staff id, 'me' or 'unassigned' */
  assignee: text().trim().regex(/^(me|unassigned|[1-9]\d{0,14})$/).optional(),
  age: vine.enum(Object.keys(ALERT_AGE_FILTERS) as Array<keyof typeof ALERT_AGE_FILTERS>).optional(),
  sort: vine.enum(['priority', 'created_at', 'score'] as const).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})

/** POST …/assign: to someone else who may work alerts; without assigneeId, to oneself */
export const assignRiskAlertValidator = vine.create({
  assigneeId: vine.number().withoutDecimals().min(1).optional(),
})

/** POST …/notes */
export const addRiskAlertNoteValidator = vine.create({
  note: text().trim().minLength(1).maxLength(4000),
})

/** POST …/{dismiss,confirm,escalate,freeze,unfreeze}: a reason is required */
export const riskAlertReasonValidator = vine.create({ reason: reason() })

/** POST …/hold: capture (the payment goes ahead) or release (cancelled) */
export const settleRiskAlertHoldValidator = vine.create({
  outcome: vine.enum(['capture', 'release'] as const),
  reason: text().trim().maxLength(1000).optional(),
  idempotencyKey: text().trim().uuid(),
})
