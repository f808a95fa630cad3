import vine from '@vinejs/vine'

/** Backoffice sign-in, first step */
export const createStaffSessionValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(512),
})

/** Second step: a 6-digit TOTP code or a recovery code */
export const verifyStaffSecondFactorValidator = vine.create({
  code: vine.string().trim().minLength(6).maxLength(32),
})

/** TOTP enrolment confirmation: the first code from the authenticator */
export const enrolStaffTotpValidator = vine.create({
  code: vine
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/),
})
