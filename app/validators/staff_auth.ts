import vine from '@vinejs/vine'
import { text } from '#validators/common'

/** Backoffice sign-in, first step */
export const createStaffSessionValidator = vine.create({
  email: text().trim().email().maxLength(254),
  password: text().minLength(1).maxLength(512),
})

/** Second step: a 6-digit TOTP code or a recovery code */
export const verifyStaffSecondFactorValidator = vine.create({
  code: text().trim().minLength(6).maxLength(32),
})

/** TOTP enrolment confirmation: the first code from the authenticator */
export const enrolStaffTotpValidator = vine.create({
  code: text()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/),
})
