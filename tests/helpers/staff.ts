import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import { STAFF_PASSWORD, StaffUserFactory } from '#database/factories/staff_user_factory'
import { totpCode, TOTP_PERIOD_SECONDS } from '#services/auth/totp'

/** The password of every staff fixture */
export const PASSWORD = STAFF_PASSWORD

/**
 * A staff member from StaffUserFactory. `enrolled` applies its `withTotp`
 * state; the clear TOTP secret and recovery codes come back for the test
 * (undefined when not enrolled).
 */
export async function createStaff(options: { role?: StaffRole; enrolled?: boolean; active?: boolean } = {}) {
  const factory = StaffUserFactory.apply(options.role ?? 'teller')
  if (options.enrolled) factory.apply('withTotp')
  if (options.active === false) factory.apply('inactive')
  const staff = await factory.create()
  return {
    staff,
    secret: staff.$extras.totpSecret as string,
    recoveryCodes: staff.$extras.recoveryCodes as string[],
  }
}

export async function staffRow(id: number | bigint) {
  return db.from('staff_users').where('id', Number(id)).firstOrFail()
}

/** A TOTP code for the next time step: accepted (drift tolerance) and never replayed */
export function nextCode(secret: string, steps = 1) {
  return totpCode(secret, new Date(Date.now() + steps * TOTP_PERIOD_SECONDS * 1000))
}
