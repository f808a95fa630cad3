import vine from '@vinejs/vine'
import { text } from '#validators/common'

/** POST /backoffice/customers/:id/erasure: why (required); the key makes a resubmitted form file one request */
export const requestErasureValidator = vine.create({
  reason: text().trim().minLength(3).maxLength(1000),
  idempotencyKey: text().trim().uuid(),
})
