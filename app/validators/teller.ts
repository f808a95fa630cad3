import vine from '@vinejs/vine'
import { text } from '#validators/common'

const accountNumber = () => text().trim().toUpperCase().minLength(4).maxLength(34)
/** Decimal string; the action parses it in the account's currency (bigint minor units) */
const amount = () => text().trim().regex(/^\d{1,15}(\.\d{1,3})?$/)
const reference = () => text().trim().maxLength(140).optional()
const idempotencyKey = () => text().trim().uuid()

/** POST /backoffice/teller/deposit and /withdraw */
export const cashPostingValidator = vine.create({
  accountNumber: accountNumber(),
  amount: amount(),
  reference: reference(),
  idempotencyKey: idempotencyKey(),
})

/** POST /backoffice/teller/transfer */
export const tellerTransferValidator = vine.create({
  fromAccountNumber: accountNumber(),
  toAccountNumber: accountNumber(),
  amount: amount(),
  reference: reference(),
  idempotencyKey: idempotencyKey(),
})

/** GET /backoffice/adjustments/create?account=…: the account number to prefill */
export const adjustmentPrefillValidator = vine.create({
  account: text().trim().maxLength(34).optional(),
})

/** POST /backoffice/adjustments */
export const requestAdjustmentValidator = vine.create({
  accountNumber: accountNumber(),
  direction: vine.enum(['credit', 'debit'] as const),
  amount: amount(),
  reason: text().trim().minLength(3).maxLength(500),
  idempotencyKey: idempotencyKey(),
})
