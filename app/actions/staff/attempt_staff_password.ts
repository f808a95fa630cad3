import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { isLocked, secondsUntilUnlocked } from '#domain/staff/lockout'
import { assertIpNotThrottled } from '#services/staff_login_throttle'
import RecordStaffLoginFailure from '#actions/staff/record_staff_login_failure'
import type { StaffAuthContext } from '#actions/staff/staff_auth_audit'
import InvalidStaffCredentialsException from '#exceptions/invalid_staff_credentials_exception'
import StaffAccountLockedException from '#exceptions/staff_account_locked_exception'

let dummyHash: string | undefined

/**
 * First sign-in step: email + password. Succeeds with the staff id and
 * whether a TOTP is enrolled; the caller keeps a pending marker and asks
 * for the second factor. Unknown emails cost a hash verification too, so
 * timing does not reveal which emails exist.
 * Throws: StaffLoginThrottled, InvalidStaffCredentials, StaffAccountLocked.
 */
@inject()
export default class AttemptStaffPassword {
  constructor(private recordFailure: RecordStaffLoginFailure) {}

  async handle(input: { email: string; password: string; context: StaffAuthContext }) {
    if (input.context.ip) await assertIpNotThrottled(input.context.ip)
    const email = input.email.trim().toLowerCase()
    const staff = await db
      .from('staff_users')
      .whereRaw('lower(email) = ?', [email])
      .select('id', 'password', 'is_active', 'locked_until', 'totp_secret')
      .first()

    if (!staff) {
      dummyHash ??= await hash.make('strongroom-timing-equaliser')
      await hash.verify(dummyHash, input.password)
      await this.fail(null, 'unknown_email', input, email)
      throw new InvalidStaffCredentialsException()
    }

    const staffId = Number(staff.id)
    const now = new Date()
    const lockedUntil = staff.locked_until ? new Date(staff.locked_until) : null
    if (isLocked(lockedUntil, now)) {
      await this.fail(staffId, 'locked', input, email)
      throw new StaffAccountLockedException(secondsUntilUnlocked(lockedUntil!, now))
    }

    const passwordOk = await hash.verify(staff.password, input.password)
    if (!passwordOk || !staff.is_active) {
      const reason = passwordOk ? 'inactive' : 'invalid_password'
      const { lockedUntil: nowLocked } = await this.fail(staffId, reason, input, email)
      if (nowLocked) throw new StaffAccountLockedException(secondsUntilUnlocked(nowLocked, now))
      throw new InvalidStaffCredentialsException()
    }

    return { staffId, totpEnrolled: staff.totp_secret !== null }
  }

  private fail(
    staffId: number | null,
    reason: 'unknown_email' | 'inactive' | 'invalid_password' | 'locked',
    input: { context: StaffAuthContext },
    email: string
  ) {
    return this.recordFailure.handle({ staffId, reason, context: input.context, email })
  }
}
