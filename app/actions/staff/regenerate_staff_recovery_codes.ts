import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { generateRecoveryCodes, hashRecoveryCode } from '#domain/staff/recovery_codes'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import InvalidCurrentPasswordException from '#exceptions/invalid_current_password_exception'
import TwoFactorNotEnrolledException from '#exceptions/two_factor_not_enrolled_exception'

/**
 * New recovery codes for the signed-in staff member (the old ones stop
 * working), after re-checking the current password. Returns the codes in
 * clear, once; stores their sha256. Audited 'staff.recovery_codes.regenerated'.
 * Throws: InvalidCurrentPassword, TwoFactorNotEnrolled.
 */
export default class RegenerateStaffRecoveryCodes {
  async handle(input: { staffId: number; currentPassword: string; context: RequestContext }) {
    const recoveryCodes = generateRecoveryCodes()
    await db.transaction(async (trx) => {
      const staff = await trx.from('staff_users').where('id', input.staffId).forUpdate().firstOrFail()
      if (!(await hash.verify(staff.password, input.currentPassword))) {
        throw new InvalidCurrentPasswordException()
      }
      if (staff.totp_secret === null) throw new TwoFactorNotEnrolledException()
      await trx
        .from('staff_users')
        .where('id', input.staffId)
        .update({ recovery_codes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)), updated_at: new Date() })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staffId },
          action: 'staff.recovery_codes.regenerated',
          subject: { type: 'staff_user', id: input.staffId },
          metadata: { recovery_codes: recoveryCodes.length },
          ...input.context,
        },
        trx
      )
    })
    return { recoveryCodes }
  }
}
