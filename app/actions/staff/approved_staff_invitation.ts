import { randomBytes } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '#domain/staff/permissions'
import AuditTrail from '#services/audit/audit_trail'
import { issuePasswordToken, passwordTokenUrl } from '#services/auth/staff_password_tokens'
import { sendStaffMail } from '#services/mail/staff_mail'
import StaffInvitationMail from '#mails/staff_invitation_mail'
import StaffEmailTakenException from '#exceptions/staff_email_taken_exception'

/**
 * Runs an approved 'staff.invite' ({email, fullName, role}) in the
 * approval's transaction: creates the staff member with no usable password
 * (a random one nobody knows) and an invitation token (72 hours, single
 * use), audited 'staff.invited' in the maker's name, approved by the
 * checker. The invitation mail goes out only after the commit, once.
 * Throws: StaffEmailTaken (the email was taken meanwhile; the approval
 * stays pending and can be rejected).
 */
export default class ApprovedStaffInvitation implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const { email, fullName, role } = approval.payload as { email: string; fullName: string; role: StaffRole }
    if (!STAFF_ROLES.includes(role)) throw new Error(`Unknown role in approval ${approval.id}`)
    const taken = await trx.from('staff_users').whereRaw('lower(email) = ?', [email]).first()
    if (taken) throw new StaffEmailTakenException()

    const unusablePassword = await hash.make(randomBytes(32).toString('base64url'))
    const [row] = await trx
      .table('staff_users')
      .insert({ email, full_name: fullName, password: unusablePassword, role, is_active: true })
      .returning('id')
    const staffId = Number(row.id ?? row)
    const issued = await issuePasswordToken(trx, staffId, 'invitation')
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: 'staff.invited',
        subject: { type: 'staff_user', id: staffId },
        after: { email, full_name: fullName, role, is_active: true },
        metadata: {
          approval_id: String(approval.id),
          approved_by: String(checker.id),
          invitation_expires_at: issued.expiresAt.toISOString(),
        },
        ...context,
      },
      trx
    )

    trx.after('commit', () => {
      const url = passwordTokenUrl(issued.token)
      const to = { email, fullName, roleLabel: ROLE_LABELS[role] }
      sendStaffMail(new StaffInvitationMail(to, url), { label: 'Staff invitation link', url, to: email })
    })
    return { staffId }
  }
}
