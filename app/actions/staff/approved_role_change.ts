import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import AuditTrail from '#services/audit/audit_trail'
import { STAFF_ROLES, type StaffRole } from '#domain/staff/permissions'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import StaffRoleChangedMeanwhileException from '#exceptions/staff_role_changed_meanwhile_exception'

/**
 * Runs an approved 'staff.role_change' ({staffId, fromRole, toRole}) in
 * the approval's transaction: the target must still exist and still hold
 * `fromRole`; the role is set, the session version bumped (their open
 * sessions end, the new role applies from the next sign-in) and
 * 'staff.role.changed' audited in the maker's name, approved by the checker.
 * Throws: StaffNotFound, StaffRoleChangedMeanwhile (the approval stays pending).
 */
export default class ApprovedRoleChange implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const { staffId, fromRole, toRole } = approval.payload as { staffId: number; fromRole: StaffRole; toRole: StaffRole }
    if (!STAFF_ROLES.includes(toRole)) throw new StaffRoleChangedMeanwhileException()
    const staff = await trx.from('staff_users').where('id', Number(staffId)).forUpdate().first()
    if (!staff) throw new StaffNotFoundException()
    if (staff.role !== fromRole) throw new StaffRoleChangedMeanwhileException()

    await trx
      .from('staff_users')
      .where('id', staff.id)
      .update({ role: toRole, session_version: Number(staff.session_version) + 1, updated_at: new Date() })
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: 'staff.role.changed',
        subject: { type: 'staff_user', id: staff.id },
        before: { role: fromRole },
        after: { role: toRole },
        metadata: { approval_id: String(approval.id), approved_by: String(checker.id) },
        ...context,
      },
      trx
    )
    return { staffId: Number(staff.id), fromRole, toRole }
  }
}
