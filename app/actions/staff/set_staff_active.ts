import db from '@adonisjs/lucid/services/db'
import AuditTrail, { type AuditRequestContext } from '#services/audit_trail'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import CannotDeactivateSelfException from '#exceptions/cannot_deactivate_self_exception'
import StaffAlreadyInactiveException from '#exceptions/staff_already_inactive_exception'
import StaffAlreadyActiveException from '#exceptions/staff_already_active_exception'

/**
 * Deactivates or reactivates a staff member. Deactivation bumps their
 * session version, so every session of theirs ends at its next request;
 * an admin cannot deactivate themself. Audited 'staff.deactivated' /
 * 'staff.reactivated'.
 * Throws: StaffNotFound, CannotDeactivateSelf, StaffAlreadyInactive, StaffAlreadyActive.
 */
export default class SetStaffActive {
  async handle(input: {
    admin: { id: number }
    staffId: number
    active: boolean
    context: AuditRequestContext
  }): Promise<void> {
    if (!input.active && input.staffId === Number(input.admin.id)) throw new CannotDeactivateSelfException()
    await db.transaction(async (trx) => {
      const staff = await trx.from('staff_users').where('id', input.staffId).forUpdate().first()
      if (!staff) throw new StaffNotFoundException()
      if (!input.active && !staff.is_active) throw new StaffAlreadyInactiveException()
      if (input.active && staff.is_active) throw new StaffAlreadyActiveException()

      const changes = input.active
        ? { is_active: true, failed_login_count: 0, locked_until: null }
        : { is_active: false, session_version: Number(staff.session_version) + 1 }
      await trx.from('staff_users').where('id', input.staffId).update({ ...changes, updated_at: new Date() })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.admin.id },
          action: input.active ? 'staff.reactivated' : 'staff.deactivated',
          subject: { type: 'staff_user', id: input.staffId },
          before: { is_active: staff.is_active },
          after: { is_active: input.active },
          metadata: input.active ? {} : { sessions_ended: true },
          ...input.context,
        },
        trx
      )
    })
  }
}
