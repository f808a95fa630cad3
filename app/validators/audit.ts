import vine from '@vinejs/vine'

const day = () => vine.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/)

/** Audit trail filters and keyset pagination (newest first) */
export const listAuditEventsValidator = vine.create({
  actorType: vine.enum(['staff', 'customer', 'partner', 'system', 'anonymous'] as const).optional(),
  actorId: vine.string().trim().maxLength(64).optional(),
  actorEmail: vine.string().trim().toLowerCase().maxLength(254).optional(),
  action: vine.string().trim().maxLength(100).optional(),
  subjectType: vine.string().trim().maxLength(50).optional(),
  subjectId: vine.string().trim().maxLength(64).optional(),
  from: day().optional(),
  to: day().optional(),
  /** keyset cursors: older than / newer than this event id */
  before: vine.number().withoutDecimals().min(1).optional(),
  after: vine.number().withoutDecimals().min(0).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(200).optional(),
})
