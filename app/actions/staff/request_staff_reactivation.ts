import { inject } from '@adonisjs/core'
import StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import { ROLE_LABELS } from '#domain/staff/permissions'
import type { RequestContext } from '#domain/audit/actor'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import StaffAlreadyActiveException from '#exceptions/staff_already_active_exception'
import StaffReactivationPendingException from '#exceptions/staff_reactivation_pending_exception'

/**
 * Four-eyes: files a 'staff.reactivate' approval ({staffId}) for a
 * deactivated staff member instead of reactivating them; another admin's
 * approval runs ApprovedStaffReactivation. Idempotent per maker and key;
 * one pending reactivation per person (approvals_pending_staff_reactivate_uq).
 * Throws: StaffNotFound, StaffAlreadyActive, StaffReactivationPending.
 */
@inject()
export default class RequestStaffReactivation {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    maker: StaffUser
    staffId: number
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const target = await StaffUser.find(input.staffId)
    if (!target) throw new StaffNotFoundException()
    if (target.isActive) throw new StaffAlreadyActiveException()
    try {
      return await this.requestApproval.handle({
        kind: 'staff.reactivate',
        summary: `Reactivate ${target.fullName} (${target.email}), ${ROLE_LABELS[target.role]}`,
        payload: { staffId: Number(target.id), email: target.email, role: target.role },
        subject: { type: 'staff_user', id: Number(target.id) },
        maker: input.maker,
        makerReason: input.reason ?? null,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
      })
    } catch (error) {
      if ((error as any)?.constraint === 'approvals_pending_staff_reactivate_uq') {
        throw new StaffReactivationPendingException()
      }
      throw error
    }
  }
}
