import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { checkTotp } from '#services/auth/totp'
import { generateRecoveryCodes, hashRecoveryCode } from '#domain/staff/recovery_codes'
import { staffLoginThrottle } from '#services/rate_limiting/staff_login_throttle'
import RecordStaffLoginFailure from '#actions/staff/record_staff_login_failure'
import { auditStaffAuth } from '#actions/staff/staff_auth_audit'
import type { RequestContext } from '#domain/audit/actor'
import InvalidSecondFactorException from '#exceptions/invalid_second_factor_exception'
import SecondFactorSessionExpiredException from '#exceptions/second_factor_session_expired_exception'

/**
 * First-login TOTP enrolment: the code proves the authenticator holds the
 * secret; the secret is stored encrypted with fresh recovery codes
 * (hashed). Completes the sign-in ('staff.totp.enrolled' and
 * 'staff.login.succeeded') and gives the sign-in attempt back to the
 * throttle. A wrong code is audited and may be retried: the secret was
 * just shown to this browser, there is nothing to guess (the password
 * step was counted by AttemptStaffPassword). Returns the recovery codes
 * in clear, once.
 * Throws: InvalidSecondFactor, SecondFactorSessionExpired (no pending
 * enrolment, or already enrolled).
 */
@inject()
export default class EnrolStaffTotp {
  constructor(private recordFailure: RecordStaffLoginFailure) {}

  async handle(input: { staffId: number; email: string; secret: string; code: string; context: RequestContext }) {
    const check = await checkTotp(input.secret, input.code)
    if (!check.valid) {
      await this.recordFailure.handle({ staffId: input.staffId, reason: 'invalid_totp', context: input.context })
      throw new InvalidSecondFactorException('The code does not match. Check the time on your device and try again.')
    }

    const recoveryCodes = generateRecoveryCodes()
    await db.transaction(async (trx) => {
      const staff = await trx.from('staff_users').where('id', input.staffId).forUpdate().first()
      if (!staff || !staff.is_active || staff.totp_secret !== null) {
        throw new SecondFactorSessionExpiredException()
      }
      const now = new Date()
      await trx
        .from('staff_users')
        .where('id', input.staffId)
        .update({
          totp_secret: encryption.encrypt(input.secret),
          totp_enabled_at: now,
          totp_last_time_step: check.timeStep,
          recovery_codes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)),
          failed_login_count: 0,
          locked_until: null,
          last_login_at: now,
          updated_at: now,
        })
      const common = { staffId: input.staffId, context: input.context }
      await auditStaffAuth(trx, { ...common, action: 'staff.totp.enrolled', metadata: { recovery_codes: recoveryCodes.length } })
      await auditStaffAuth(trx, { ...common, action: 'staff.login.succeeded', metadata: { method: 'totp_enrolment' } })
    })
    await staffLoginThrottle.succeeded(input.email, input.context.ip)
    return { recoveryCodes }
  }
}
