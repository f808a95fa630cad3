import db from '@adonisjs/lucid/services/db'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { issuePasswordToken, passwordTokenUrl } from '#services/auth/staff_password_tokens'
import { consumePasswordResetEmail, consumePasswordResetIp } from '#services/rate_limiting/password_reset_throttle'
import { sendStaffMail } from '#services/mail/staff_mail'
import StaffPasswordResetMail from '#mails/staff_password_reset_mail'

/**
 * "Forgot password": for an active staff member, a single-use reset link
 * (60 minutes) is mailed. The outcome is the same for unknown, inactive
 * or throttled addresses (no account enumeration); only the audit row
 * ('staff.password_reset.requested') tells them apart.
 * Throws: PasswordResetThrottled (per IP).
 */
export default class RequestStaffPasswordReset {
  async handle(input: { email: string; context: RequestContext }): Promise<void> {
    if (input.context.ip) await consumePasswordResetIp(input.context.ip)
    const email = input.email.trim().toLowerCase()
    const withinLimit = await consumePasswordResetEmail(email)

    const outcome = await db.transaction(async (trx) => {
      const staff = await trx
        .from('staff_users')
        .whereRaw('lower(email) = ?', [email])
        .select('id', 'email', 'full_name', 'is_active')
        .first()
      const eligible = Boolean(staff?.is_active) && withinLimit
      const issued = eligible ? await issuePasswordToken(trx, Number(staff.id), 'reset') : null
      await AuditTrail.record(
        {
          actor: { type: 'anonymous' },
          action: 'staff.password_reset.requested',
          subject: staff ? { type: 'staff_user', id: staff.id } : null,
          metadata: {
            email,
            outcome: !staff ? 'unknown_email' : !staff.is_active ? 'inactive' : !withinLimit ? 'throttled' : 'mailed',
            ...(issued ? { expires_at: issued.expiresAt.toISOString() } : {}),
          },
          ...input.context,
        },
        trx
      )
      return issued ? { staff, token: issued.token } : null
    })

    if (outcome) {
      const url = passwordTokenUrl(outcome.token)
      const to = { email: outcome.staff.email as string, fullName: outcome.staff.full_name as string }
      sendStaffMail(new StaffPasswordResetMail(to, url), { label: 'Staff password reset link', url, to: to.email })
    }
  }
}
