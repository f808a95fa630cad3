import db from '@adonisjs/lucid/services/db'
import { auditStaffAuth } from '#actions/staff/staff_auth_audit'
import type { RequestContext } from '#domain/audit/actor'

export type StaffLoginFailureReason =
  | 'unknown_email'
  | 'inactive'
  | 'invalid_password'
  | 'throttled'
  | 'invalid_totp'
  | 'invalid_recovery_code'
  | 'password_step_failed'

/**
 * Audits one failed sign-in step ('staff.login.failed'). When a staff
 * member's secret was actually checked and found wrong, also adds one to
 * `failed_login_count` (consecutive failures, for information: it locks
 * nothing; the limits live in staffLoginThrottle, counted before the
 * check). Never records the password or code typed.
 */
export default class RecordStaffLoginFailure {
  async handle(input: {
    staffId: number | null
    reason: StaffLoginFailureReason
    context: RequestContext
    email?: string
  }) {
    const counted = input.staffId !== null && ['invalid_password', 'invalid_totp', 'invalid_recovery_code'].includes(input.reason)
    await db.transaction(async (trx) => {
      let failedLoginCount: number | null = null
      if (counted) {
        const { rows } = await trx.rawQuery(
          `update staff_users set failed_login_count = failed_login_count + 1, updated_at = now()
            where id = ? returning failed_login_count`,
          [input.staffId!]
        )
        if (rows[0]) failedLoginCount = Number(rows[0].failed_login_count)
      }
      await auditStaffAuth(trx, {
        action: 'staff.login.failed',
        staffId: input.staffId,
        context: input.context,
        metadata: {
          reason: input.reason,
          ...(input.email ? { email: input.email } : {}),
          ...(failedLoginCount !== null ? { failed_login_count: failedLoginCount } : {}),
        },
      })
    })
  }
}
