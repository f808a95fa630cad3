import db from '@adonisjs/lucid/services/db'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { endAllStaffSessions } from '#services/auth/staff_session'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import CannotDeactivateSelfException from '#exceptions/cannot_deactivate_self_exception'
import StaffAlreadyInactiveException from '#exceptions/staff_already_inactive_exception'

/**
 * Deactivates a staff member (single person: it removes power; giving it
 * back is the four-eyes RequestStaffReactivation). Bumps their session
 * version and ends their open sessions, so every copy of their cookies is
 * refused at its next request; an admin cannot deactivate themself.
 * Audited 'staff.deactivated'.
 * Throws: StaffNotFound, CannotDeactivateSelf, StaffAlreadyInactive.
 */
export default class DeactivateStaff {
  async handle(input: { admin: { id: number }; staffId: number; context: RequestContext }): Promise<void> {
    if (input.staffId === Number(input.admin.id)) throw new CannotDeactivateSelfException()
    await db.transaction(async (trx) => {
      const staff = await trx.from('staff_users').where('id', input.staffId).forUpdate().first()
      if (!staff) throw new StaffNotFoundException()
      if (!staff.is_active) throw new StaffAlreadyInactiveException()

      await trx
        .from('staff_users')
        .where('id', input.staffId)
        .update({ is_active: false, session_version: Number(staff.session_version) + 1, updated_at: new Date() })
      await endAllStaffSessions(trx, input.staffId, 'deactivated')
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.admin.id },
          action: 'staff.deactivated',
          subject: { type: 'staff_user', id: input.staffId },
          before: { is_active: true },
          after: { is_active: false },
          metadata: { sessions_ended: true },
          ...input.context,
        },
        trx
      )
    })
  }
}
