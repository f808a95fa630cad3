import vine from '@vinejs/vine'
import { supportedCurrencies } from '#domain/money/currencies'

/** An id sent as a JSON string of digits (what the API returns) or a positive integer */
const id = () =>
  vine.union([
    vine.union.if(
      (value) => typeof value === 'number',
      vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER)
    ),
    vine.union.else(vine.string().regex(/^[1-9]\d{0,15}$/).transform((value) => Number(value))),
  ])

/**
 * POST /api/v1/transfers. The Idempotency-Key header (1-255 visible ASCII
 * characters) is validated with the body.
 */
export const createTransferValidator = vine.create({
  headers: vine.object({
    'idempotency-key': vine.string().minLength(1).maxLength(255).regex(/^[\x21-\x7E]+$/),
  }),
  debtorAccountId: id(),
  creditor: vine.union([
    vine.union.if(
      (value) => vine.helpers.isObject(value) && 'accountNumber' in value,
      vine.object({ accountNumber: vine.string().trim().toUpperCase().regex(/^SR\d{10}$/) })
    ),
    vine.union.else(vine.object({ accountId: id() })),
  ]),
  amount: vine.object({
    amount: vine.string().regex(/^(0|[1-9]\d{0,14})(\.\d{1,3})?$/),
    currency: vine.string().in(supportedCurrencies()),
  }),
  reference: vine.string().trim().maxLength(140).nullable().optional(),
})
