import vine from '@vinejs/vine'
import { text } from '#validators/common'
import { APPROVAL_KIND_NAMES } from '#domain/approvals/approval_kinds'

/** Approvals inbox: tab (status), kind, sort and server-side pagination */
export const listApprovalsValidator = vine.create({
  status: vine.enum(['pending', 'approved', 'rejected'] as const).optional(),
  kind: vine.enum(APPROVAL_KIND_NAMES).optional(),
  sort: vine.enum(['created_at', 'kind', 'decided_at'] as const).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})

/** The checker approves; a note is optional */
export const approveApprovalValidator = vine.create({
  reason: text().trim().maxLength(500).optional(),
})

/** The checker rejects; the reason is required (the maker sees it) */
export const rejectApprovalValidator = vine.create({
  reason: text().trim().minLength(3).maxLength(500),
})
