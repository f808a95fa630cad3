import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { checkTotp, looksLikeTotpCode } from '#services/auth/totp'
import { findRecoveryCode } from '#domain/staff/recovery_codes'
import { claimPendingLogin, staffLoginThrottle } from '#services/rate_limiting/staff_login_throttle'
import type { PendingLogin } from '#services/auth/pending_staff_login'
import RecordStaffLoginFailure from '#actions/staff/record_staff_login_failure'
import { auditStaffAuth } from '#actions/staff/staff_auth_audit'
import type { RequestContext } from '#domain/audit/actor'
import InvalidStaffCredentialsException from '#exceptions/invalid_staff_credentials_exception'
import SecondFactorSessionExpiredException from '#exceptions/second_factor_session_expired_exception'

type Outcome =
  | { ok: true; method: 'totp' | 'recovery_code' }
  | { ok: false; reason: 'invalid_totp' | 'invalid_recovery_code' }

/**
 * Second sign-in step: a TOTP code (each time step accepted once) or a
 * recovery code (consumed), for the pending sign-in of AttemptStaffPassword.
 * One answer for every failure — wrong password at the first step, wrong,
 * replayed or unknown code — InvalidStaffCredentials with the same message,
 * sending the browser back to the password step; each failure writes one
 * 'staff.login.failed' row. A pending sign-in answers one code only (its
 * nonce is claimed in the shared store first), so a copied cookie cannot
 * try more codes than password attempts allow. Success writes
 * 'staff.login.succeeded' and gives the attempt back to the throttle.
 * Throws: InvalidStaffCredentials, SecondFactorSessionExpired.
 */
@inject()
export default class VerifyStaffSecondFactor {
  constructor(private recordFailure: RecordStaffLoginFailure) {}

  async handle(input: { pending: PendingLogin; code: string; context: RequestContext }) {
    const { pending } = input
    if (!(await claimPendingLogin(pending.nonce))) throw new SecondFactorSessionExpiredException()
    if (pending.staffId === null) return this.fail(null, 'password_step_failed', input)
    const staffId = pending.staffId

    const outcome = await db.transaction(async (trx): Promise<Outcome> => {
      const staff = await trx.from('staff_users').where('id', staffId).forUpdate().first()
      if (!staff || !staff.is_active || !staff.totp_secret) {
        throw new SecondFactorSessionExpiredException()
      }
      const now = new Date()
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
        const used = findRecoveryCode(codes, input.code)
        if (!used) return { ok: false, reason: 'invalid_recovery_code' }
        changes.recovery_codes = JSON.stringify(codes.filter((code) => code !== used))
        method = 'recovery_code'
      }

      await trx
        .from('staff_users')
        .where('id', staffId)
        .update({ ...changes, failed_login_count: 0, locked_until: null, last_login_at: now, updated_at: now })
      await auditStaffAuth(trx, {
        action: 'staff.login.succeeded',
        staffId,
        context: input.context,
        metadata: { method },
      })
      return { ok: true, method }
    })

    if (!outcome.ok) return this.fail(staffId, outcome.reason, input)
    await staffLoginThrottle.succeeded(pending.email, input.context.ip)
    return { staffId, method: outcome.method }
  }

  private async fail(
    staffId: number | null,
    reason: 'password_step_failed' | 'invalid_totp' | 'invalid_recovery_code',
    input: { pending: PendingLogin; context: RequestContext }
  ): Promise<never> {
    await this.recordFailure.handle({ staffId, reason, context: input.context, email: input.pending.email })
    throw new InvalidStaffCredentialsException()
  }
}
