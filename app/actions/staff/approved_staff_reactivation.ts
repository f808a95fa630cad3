import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import AuditTrail from '#services/audit/audit_trail'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import StaffAlreadyActiveException from '#exceptions/staff_already_active_exception'

/**
 * Runs an approved 'staff.reactivate' ({staffId}) in the approval's
 * transaction: the person must still be inactive; they are reactivated
 * with a clean failure counter and no lockout, audited 'staff.reactivated'
 * in the maker's name, approved by the checker.
 * Throws: StaffNotFound, StaffAlreadyActive (the approval stays pending).
 */
export default class ApprovedStaffReactivation implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const { staffId } = approval.payload as { staffId: number }
    const staff = await trx.from('staff_users').where('id', Number(staffId)).forUpdate().first()
    if (!staff) throw new StaffNotFoundException()
    if (staff.is_active) throw new StaffAlreadyActiveException()

    await trx
      .from('staff_users')
      .where('id', staff.id)
      .update({ is_active: true, failed_login_count: 0, locked_until: null, updated_at: new Date() })
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: 'staff.reactivated',
        subject: { type: 'staff_user', id: staff.id },
        before: { is_active: false },
        after: { is_active: true },
        metadata: { approval_id: String(approval.id), approved_by: String(checker.id) },
        ...context,
      },
      trx
    )
    return { staffId: Number(staff.id) }
  }
}
