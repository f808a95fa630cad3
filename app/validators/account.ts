import vine from '@vinejs/vine'

const limit = () => vine.number().withoutDecimals().min(1).max(100).optional()
const cursor = () => vine.string().trim().maxLength(200).regex(/^[A-Za-z0-9_-]+$/).optional()
const isoDate = () => vine.date({ formats: ['YYYY-MM-DD', 'iso8601'] })

/** GET /api/v1/accounts */
export const listAccountsValidator = vine.create({
  limit: limit(),
  cursor: cursor(),
})

/** GET /api/v1/accounts/:id/transactions */
export const listTransactionsValidator = vine.create({
  limit: limit(),
  cursor: cursor(),
  bookedFrom: isoDate().optional(),
  bookedTo: isoDate().afterOrSameAs('bookedFrom').optional(),
})
