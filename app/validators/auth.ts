import vine from '@vinejs/vine'

/** POST /api/v1/auth/tokens */
export const createTokenValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(512),
  otp: vine.string().trim().maxLength(16).optional(),
})
