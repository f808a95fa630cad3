import db from '@adonisjs/lucid/services/db'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'

/**
 * Ends every other session of this staff member by bumping their
 * session_version (the caller keeps its own session by adopting the new
 * version). Audited 'staff.sessions.revoked'.
 */
export default class SignOutOtherStaffSessions {
  async handle(input: { staffId: number; context: RequestContext }): Promise<{ sessionVersion: number }> {
    return db.transaction(async (trx) => {
      const [row] = await trx
        .from('staff_users')
        .where('id', input.staffId)
        .increment('session_version', 1)
        .returning('session_version')
      const sessionVersion = Number(row.session_version ?? row)
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staffId },
          action: 'staff.sessions.revoked',
          subject: { type: 'staff_user', id: input.staffId },
          after: { session_version: sessionVersion },
          metadata: { scope: 'other_sessions' },
          ...input.context,
        },
        trx
      )
      return { sessionVersion }
    })
  }
}
