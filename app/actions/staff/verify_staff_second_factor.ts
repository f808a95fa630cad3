import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { checkTotp, looksLikeTotpCode } from '#services/totp'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import { isLocked, secondsUntilUnlocked } from '#domain/staff/lockout'
import { assertIpNotThrottled } from '#services/staff_login_throttle'
import RecordStaffLoginFailure from '#actions/staff/record_staff_login_failure'
import { auditStaffAuth, type StaffAuthContext } from '#actions/staff/staff_auth_audit'
import InvalidSecondFactorException from '#exceptions/invalid_second_factor_exception'
import StaffAccountLockedException from '#exceptions/staff_account_locked_exception'
import SecondFactorSessionExpiredException from '#exceptions/second_factor_session_expired_exception'

type Outcome =
  | { ok: true; method: 'totp' | 'recovery_code' }
  | { ok: false; reason: 'invalid_totp' | 'invalid_recovery_code' }

/**
 * Second sign-in step for an enrolled staff member: a TOTP code (each
 * time step accepted once) or a recovery code (consumed). Success resets
 * the failure counter and writes 'staff.login.succeeded'.
 * Throws: StaffLoginThrottled, StaffAccountLocked, InvalidSecondFactor,
 * SecondFactorSessionExpired.
 */
@inject()
export default class VerifyStaffSecondFactor {
  constructor(private recordFailure: RecordStaffLoginFailure) {}

  async handle(input: { staffId: number; code: string; context: StaffAuthContext }) {
    if (input.context.ip) await assertIpNotThrottled(input.context.ip)

    const outcome = await db.transaction(async (trx): Promise<Outcome> => {
      const staff = await trx.from('staff_users').where('id', input.staffId).forUpdate().first()
      if (!staff || !staff.is_active || !staff.totp_secret) {
        throw new SecondFactorSessionExpiredException()
      }
      const now = new Date()
      const lockedUntil = staff.locked_until ? new Date(staff.locked_until) : null
      if (isLocked(lockedUntil, now)) {
        throw new StaffAccountLockedException(secondsUntilUnlocked(lockedUntil!, now))
      }

      const changes: Record<string, unknown> = {}
      let method: 'totp' | 'recovery_code'
      if (looksLikeTotpCode(input.code)) {
        const secret = encryption.decrypt<string>(staff.totp_secret)
        const lastStep = staff.totp_last_time_step === null ? null : Number(staff.totp_last_time_step)
        const check = secret ? await checkTotp(secret, input.code, lastStep) : { valid: false as const }
        if (!check.valid) return { ok: false, reason: 'invalid_totp' }
        changes.totp_last_time_step = check.timeStep
        method = 'totp'
      } else {
        const codes: string[] = Array.isArray(staff.recovery_codes) ? staff.recovery_codes : []
        const hashed = hashRecoveryCode(input.code)
        if (!codes.includes(hashed)) return { ok: false, reason: 'invalid_recovery_code' }
        changes.recovery_codes = JSON.stringify(codes.filter((code) => code !== hashed))
        method = 'recovery_code'
      }

      await trx
        .from('staff_users')
        .where('id', input.staffId)
        .update({ ...changes, failed_login_count: 0, locked_until: null, last_login_at: now, updated_at: now })
      await auditStaffAuth(trx, {
        action: 'staff.login.succeeded',
        staffId: input.staffId,
        context: input.context,
        metadata: { method },
      })
      return { ok: true, method }
    })

    if (!outcome.ok) {
      const { lockedUntil } = await this.recordFailure.handle({
        staffId: input.staffId,
        reason: outcome.reason,
        context: input.context,
      })
      if (lockedUntil) throw new StaffAccountLockedException(secondsUntilUnlocked(lockedUntil, new Date()))
      throw new InvalidSecondFactorException()
    }
    return { staffId: input.staffId, method: outcome.method }
  }
}
