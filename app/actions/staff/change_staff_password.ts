import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import InvalidCurrentPasswordException from '#exceptions/invalid_current_password_exception'

/**
 * A staff member changes their own password: the current one must match;
 * the new hash is stored and the session version bumped (every other
 * session ends; the caller re-stamps its own with the returned version).
 * Audited 'staff.password.changed' (never the passwords).
 * Throws: InvalidCurrentPassword.
 */
export default class ChangeStaffPassword {
  async handle(input: {
    staffId: number
    currentPassword: string
    newPassword: string
    context: RequestContext
  }): Promise<{ sessionVersion: number }> {
    const newHash = await hash.make(input.newPassword)
    return db.transaction(async (trx) => {
      const staff = await trx.from('staff_users').where('id', input.staffId).forUpdate().firstOrFail()
      if (!(await hash.verify(staff.password, input.currentPassword))) {
        throw new InvalidCurrentPasswordException()
      }
      const sessionVersion = Number(staff.session_version) + 1
      const now = new Date()
      await trx.from('staff_users').where('id', input.staffId).update({
        password: newHash,
        password_changed_at: now,
        session_version: sessionVersion,
        updated_at: now,
      })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staffId },
          action: 'staff.password.changed',
          subject: { type: 'staff_user', id: input.staffId },
          metadata: { other_sessions_ended: true },
          ...input.context,
        },
        trx
      )
      return { sessionVersion }
    })
  }
}
