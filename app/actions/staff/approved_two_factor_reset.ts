import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import AuditTrail from '#services/audit/audit_trail'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import TwoFactorNotEnrolledException from '#exceptions/two_factor_not_enrolled_exception'

/**
 * Runs an approved 'staff.reset_2fa' ({staffId}) in the approval's
 * transaction: clears the TOTP secret, its enrolment date, the replay
 * step and the recovery codes, and bumps the session version, so the
 * person is signed out and enrols a new authenticator at next sign-in.
 * Audited 'staff.two_factor.reset'.
 * Throws: StaffNotFound, TwoFactorNotEnrolled (already reset meanwhile).
 */
export default class ApprovedTwoFactorReset implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const { staffId } = approval.payload as { staffId: number }
    const staff = await trx.from('staff_users').where('id', Number(staffId)).forUpdate().first()
    if (!staff) throw new StaffNotFoundException()
    if (staff.totp_secret === null) throw new TwoFactorNotEnrolledException()

    await trx.from('staff_users').where('id', staff.id).update({
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_time_step: null,
      recovery_codes: JSON.stringify([]),
      session_version: Number(staff.session_version) + 1,
      updated_at: new Date(),
    })
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: 'staff.two_factor.reset',
        subject: { type: 'staff_user', id: staff.id },
        before: { totp_enrolled: true },
        after: { totp_enrolled: false },
        metadata: { approval_id: String(approval.id), approved_by: String(checker.id) },
        ...context,
      },
      trx
    )
    return { staffId: Number(staff.id) }
  }
}
