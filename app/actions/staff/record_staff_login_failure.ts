import db from '@adonisjs/lucid/services/db'
import { afterFailure } from '#domain/staff/lockout'
import { recordIpFailure } from '#services/staff_login_throttle'
import { auditStaffAuth, type StaffAuthContext } from '#actions/staff/staff_auth_audit'

export type StaffLoginFailureReason =
  | 'unknown_email'
  | 'inactive'
  | 'invalid_password'
  | 'locked'
  | 'invalid_totp'
  | 'invalid_recovery_code'

/**
 * Counts one failed sign-in step: against the IP (limiter) and, when the
 * staff member is known, against the account (locking it at the 5th
 * consecutive failure), with a 'staff.login.failed' audit row.
 * Returns the lock expiry when this failure locked the account.
 */
export default class RecordStaffLoginFailure {
  async handle(input: {
    staffId: number | null
    reason: StaffLoginFailureReason
    context: StaffAuthContext
    email?: string
  }): Promise<{ lockedUntil: Date | null }> {
    if (input.context.ip) await recordIpFailure(input.context.ip)

    return db.transaction(async (trx) => {
      let lockedUntil: Date | null = null
      let failedLoginCount: number | null = null
      if (input.staffId !== null && input.reason !== 'locked') {
        const row = await trx
          .from('staff_users')
          .where('id', input.staffId)
          .forUpdate()
          .select('failed_login_count')
          .first()
        if (row) {
          const next = afterFailure(Number(row.failed_login_count), new Date())
          lockedUntil = next.lockedUntil
          failedLoginCount = next.failedLoginCount
          await trx
            .from('staff_users')
            .where('id', input.staffId)
            .update({
              failed_login_count: next.failedLoginCount,
              ...(next.lockedUntil ? { locked_until: next.lockedUntil } : {}),
              updated_at: new Date(),
            })
        }
      }
      await auditStaffAuth(trx, {
        action: 'staff.login.failed',
        staffId: input.staffId,
        context: input.context,
        metadata: {
          reason: input.reason,
          ...(input.email ? { email: input.email } : {}),
          ...(failedLoginCount !== null ? { failed_login_count: failedLoginCount } : {}),
          ...(lockedUntil ? { locked_until: lockedUntil.toISOString() } : {}),
        },
      })
      return { lockedUntil }
    })
  }
}
