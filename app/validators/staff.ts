import vine from '@vinejs/vine'
import { text } from '#validators/common'
import { STAFF_ROLES } from '#domain/staff/permissions'

/** Minimum length of a staff password (NIST 800-63B style: length over composition rules) */
export const STAFF_PASSWORD_MIN_LENGTH = 12

const newPassword = () =>
  text().minLength(STAFF_PASSWORD_MIN_LENGTH).maxLength(256).confirmed({
    confirmationField: 'password_confirmation',
  })

/** Profile: change own password */
export const changeStaffPasswordValidator = vine.create({
  current_password: text().minLength(1).maxLength(512),
  password: newPassword(),
})

/** Profile: actions that re-ask the current password (new recovery codes) */
export const confirmStaffPasswordValidator = vine.create({
  current_password: text().minLength(1).maxLength(512),
})

/** Public: "forgot password" */
export const requestStaffPasswordResetValidator = vine.create({
  email: text().trim().email().maxLength(254),
})

/** Public: set a new password from a mailed link */
export const resetStaffPasswordValidator = vine.create({
  password: newPassword(),
})

/** Staff list: search, role / status filters, sorting and pagination on the server */
export const listStaffValidator = vine.create({
  q: text().trim().maxLength(100).optional(),
  role: vine.enum(STAFF_ROLES).optional(),
  status: vine.enum(['active', 'inactive', 'invited'] as const).optional(),
  sort: vine.enum(['name', 'email', 'role', 'last_login', 'created'] as const).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})

/** Request the invitation of a staff member (four-eyes) */
export const inviteStaffValidator = vine.create({
  full_name: text().trim().minLength(2).maxLength(200),
  email: text().trim().email().maxLength(254),
  role: vine.enum(STAFF_ROLES),
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/** Request a reactivation (four-eyes) */
export const requestStaffReactivationValidator = vine.create({
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/** Request a role change (four-eyes) */
export const requestStaffRoleChangeValidator = vine.create({
  role: vine.enum(STAFF_ROLES),
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/** Request a 2FA reset (four-eyes) */
export const requestStaffTwoFactorResetValidator = vine.create({
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})
