import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { ROLE_LABELS, type StaffRole } from '#domain/staff/permissions'
import AuditTrail, { type AuditRequestContext } from '#services/audit_trail'
import { issuePasswordToken, passwordTokenUrl } from '#services/staff_password_tokens'
import { sendStaffMail } from '#services/staff_mail'
import StaffInvitationMail from '#mails/staff_invitation_mail'
import StaffEmailTakenException from '#exceptions/staff_email_taken_exception'

/**
 * An admin creates a staff member: no usable password yet (a random one
 * nobody knows), an invitation link to set it (72 hours, same single-use
 * tokens as the password reset) mailed after commit; the TOTP is enrolled
 * at first sign-in. Audited 'staff.invited'.
 * Throws: StaffEmailTaken.
 */
export default class InviteStaff {
  async handle(input: {
    admin: { id: number }
    fullName: string
    email: string
    role: StaffRole
    context: AuditRequestContext
  }): Promise<{ staffId: number }> {
    const email = input.email.trim().toLowerCase()
    const unusablePassword = await hash.make(randomBytes(32).toString('base64url'))
    const { staffId, token } = await db.transaction(async (trx) => {
      const taken = await trx.from('staff_users').whereRaw('lower(email) = ?', [email]).first()
      if (taken) throw new StaffEmailTakenException()
      const [row] = await trx
        .table('staff_users')
        .insert({ email, full_name: input.fullName, password: unusablePassword, role: input.role, is_active: true })
        .returning('id')
      const id = Number(row.id ?? row)
      const issued = await issuePasswordToken(trx, id, 'invitation')
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.admin.id },
          action: 'staff.invited',
          subject: { type: 'staff_user', id },
          after: { email, full_name: input.fullName, role: input.role, is_active: true },
          metadata: { invitation_expires_at: issued.expiresAt.toISOString() },
          ...input.context,
        },
        trx
      )
      return { staffId: id, token: issued.token }
    })

    const url = passwordTokenUrl(token)
    const to = { email, fullName: input.fullName, roleLabel: ROLE_LABELS[input.role] }
    sendStaffMail(new StaffInvitationMail(to, url), { label: 'Staff invitation link', url, to: email })
    return { staffId }
  }
}
