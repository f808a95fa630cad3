import { randomUUID } from 'node:crypto'
import Factory from '@adonisjs/lucid/factories'
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'
import StaffUser from '#models/staff_user'
import { newTotpSecret } from '#services/auth/totp'
import { insertWithKnownPassword } from '#database/factories/known_password'
import { generateRecoveryCodes, hashRecoveryCode } from '#domain/staff/recovery_codes'

/** The password of every factory staff member (hashed once per process, see known_password.ts) */
export const STAFF_PASSWORD = 'correct horse battery staple'

/**
 * Staff members, saved as the staff module stores them (the password a
 * real scrypt hash). Unique per call: the email carries a random tag. Default:
 * an active teller who has not enrolled a second factor yet.
 *
 * States: one per role (`admin`, `teller`, `loan_officer`, `compliance`,
 * `auditor`, so `apply(role)` takes a StaffRole), `inactive`, and
 * `withTotp`: enrolled as the enrolment action leaves a person (encrypted
 * TOTP secret, enabled now, ten hashed recovery codes). The clear secret
 * and codes stay on the instance for the test to sign in with:
 * `staff.$extras.totpSecret`, `staff.$extras.recoveryCodes`.
 */
export const StaffUserFactory = Factory.define(StaffUser, () => {
  const tag = randomUUID().slice(0, 8)
  return {
    email: `staff-${tag}@strongroom.test`,
    fullName: `Staff ${tag}`,
    password: STAFF_PASSWORD,
    role: 'teller' as const,
    isActive: true,
  }
})
  .state('admin', (staff) => {
    staff.role = 'admin'
  })
  .state('teller', (staff) => {
    staff.role = 'teller'
  })
  .state('loan_officer', (staff) => {
    staff.role = 'loan_officer'
  })
  .state('compliance', (staff) => {
    staff.role = 'compliance'
  })
  .state('auditor', (staff) => {
    staff.role = 'auditor'
  })
  .state('inactive', (staff) => {
    staff.isActive = false
  })
  .state('withTotp', (staff) => {
    const secret = newTotpSecret()
    const recoveryCodes = generateRecoveryCodes()
    staff.totpSecret = encryption.encrypt(secret)
    staff.totpEnabledAt = DateTime.now()
    staff.recoveryCodes = JSON.stringify(recoveryCodes.map(hashRecoveryCode))
    staff.$extras.totpSecret = secret
    staff.$extras.recoveryCodes = recoveryCodes
  })
  .before('create', (_, row, ctx) => insertWithKnownPassword(row, STAFF_PASSWORD, ctx))
  .build()
