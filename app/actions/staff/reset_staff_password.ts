import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { findUsablePasswordToken } from '#services/auth/staff_password_tokens'
import { staffLoginThrottle } from '#services/rate_limiting/staff_login_throttle'
import PasswordTokenInvalidException from '#exceptions/password_token_invalid_exception'

/**
 * Sets a password from a mailed link (reset or invitation): the token must
 * be unused and unexpired, and its staff member active. In one
 * transaction the token is marked used, the password set, the session
 * version bumped (every session ends) and the lockout cleared; audited
 * 'staff.password.reset' (or 'staff.invitation.accepted').
 * After commit, the sign-in attempt counts of this account (every IP)
 * are forgotten: the owner proved who they are.
 * Throws: PasswordTokenInvalid.
 */
export default class ResetStaffPassword {
  async handle(input: { token: string; password: string; context: RequestContext }) {
    const newHash = await hash.make(input.password)
    const result = await db.transaction(async (trx) => {
      const token = await findUsablePasswordToken(trx, input.token, { lock: true })
      if (!token) throw new PasswordTokenInvalidException()
      const staffId = Number(token.staff_user_id)
      const staff = await trx.from('staff_users').where('id', staffId).forUpdate().first()
      if (!staff || !staff.is_active) throw new PasswordTokenInvalidException()

      const now = new Date()
      await trx.from('staff_password_tokens').where('id', token.id).update({ used_at: now })
      await trx.from('staff_users').where('id', staffId).update({
        password: newHash,
        password_changed_at: now,
        session_version: Number(staff.session_version) + 1,
        failed_login_count: 0,
        locked_until: null,
        updated_at: now,
      })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: staffId },
          action: token.purpose === 'invitation' ? 'staff.invitation.accepted' : 'staff.password.reset',
          subject: { type: 'staff_user', id: staffId },
          before: { locked: staff.locked_until !== null && new Date(staff.locked_until) > now },
          metadata: { via: 'mailed_link', token_id: String(token.id), other_sessions_ended: true },
          ...input.context,
        },
        trx
      )
      return { staffId, purpose: token.purpose, email: String(staff.email) }
    })
    await staffLoginThrottle.forgetAccount(result.email)
    return { staffId: result.staffId, purpose: result.purpose }
  }
}
