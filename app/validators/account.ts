import vine from '@vinejs/vine'
import { text, calendarDay, calendarDayNotBefore } from '#validators/common'

const limit = () => vine.number().withoutDecimals().min(1).max(100).optional()
const cursor = () => text().trim().maxLength(200).regex(/^[A-Za-z0-9_-]+$/).optional()

/** GET /api/v1/accounts */
export const listAccountsValidator = vine.create({
  limit: limit(),
  cursor: cursor(),
})

/** GET /api/v1/accounts/:id/transactions */
export const listTransactionsValidator = vine.create({
  limit: limit(),
  cursor: cursor(),
  bookedFrom: calendarDay().optional(),
  bookedTo: calendarDayNotBefore('bookedFrom').optional(),
})

/* Backoffice: accounts and statements */

const reason = () => text().trim().minLength(3).maxLength(500)
const day = calendarDay

/** POST /backoffice/accounts (from a customer's page) */
export const openAccountValidator = vine.create({
  customerId: vine.number().withoutDecimals().min(1),
  kind: vine.enum(['current', 'savings'] as const),
  currency: text().trim().toUpperCase().fixedLength(3),
  name: text().trim().maxLength(200).optional(),
})

/** POST /backoffice/accounts/:id/{freeze,unfreeze,close} */
export const changeAccountStatusValidator = vine.create({ reason: reason() })

/** GET /backoffice/accounts/:id and its CSV export */
export const statementQueryValidator = vine.create({
  from: day().optional(),
  to: day().optional(),
  direction: vine.enum(['debit', 'credit'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
})

/** POST /backoffice/transactions/:id/reverse */
export const requestReversalValidator = vine.create({
  reason: reason(),
  idempotencyKey: text().trim().uuid(),
})
