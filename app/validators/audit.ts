import vine from '@vinejs/vine'
import { text, calendarDay } from '#validators/common'
import { ACTOR_TYPES } from '#domain/audit/actor'

const day = calendarDay

/** Audit trail filters and keyset pagination (newest first) */
export const listAuditEventsValidator = vine.create({
  actorType: vine.enum(ACTOR_TYPES).optional(),
  actorId: text().trim().maxLength(64).optional(),
  actorEmail: text().trim().toLowerCase().maxLength(254).optional(),
  action: text().trim().maxLength(100).optional(),
  subjectType: text().trim().maxLength(50).optional(),
  subjectId: text().trim().maxLength(64).optional(),
  from: day().optional(),
  to: day().optional(),
  /** keyset cursors: older than / newer than this event id */
  before: vine.number().withoutDecimals().min(1).optional(),
  after: vine.number().withoutDecimals().min(0).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(200).optional(),
})
