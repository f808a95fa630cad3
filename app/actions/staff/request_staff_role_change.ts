import { inject } from '@adonisjs/core'
import StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import { ROLE_LABELS, type StaffRole } from '#domain/staff/permissions'
import type { RequestContext } from '#domain/audit/actor'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import StaffRoleUnchangedException from '#exceptions/staff_role_unchanged_exception'

/**
 * Four-eyes: files a 'staff.role_change' approval ({staffId, fromRole,
 * toRole}) instead of changing the role; another admin's approval runs
 * ApprovedRoleChange. Idempotent per maker and key.
 * Throws: StaffNotFound, StaffRoleUnchanged.
 */
@inject()
export default class RequestStaffRoleChange {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    maker: StaffUser
    staffId: number
    toRole: StaffRole
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const target = await StaffUser.find(input.staffId)
    if (!target) throw new StaffNotFoundException()
    if (target.role === input.toRole) throw new StaffRoleUnchangedException()
    return this.requestApproval.handle({
      kind: 'staff.role_change',
      summary: `Change role of ${target.fullName} (${target.email}) from ${ROLE_LABELS[target.role]} to ${ROLE_LABELS[input.toRole]}`,
      payload: { staffId: Number(target.id), fromRole: target.role, toRole: input.toRole },
      subject: { type: 'staff_user', id: Number(target.id) },
      maker: input.maker,
      makerReason: input.reason ?? null,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }
}
