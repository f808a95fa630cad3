import vine from '@vinejs/vine'
import { text } from '#validators/common'

/** POST /api/v1/auth/tokens */
export const createTokenValidator = vine.create({
  email: text().trim().email().maxLength(254),
  password: text().minLength(1).maxLength(512),
  otp: text().trim().maxLength(16).optional(),
})
