import vine from '@vinejs/vine'
import { text } from '#validators/common'
import { supportedCurrencies } from '#domain/money/currencies'

/** An id sent as a JSON string of digits (what the API returns) or a positive integer */
const id = () =>
  vine.union([
    vine.union.if(
      (value) => typeof value === 'number',
      vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER)
    ),
    vine.union.else(text().regex(/^[1-9]\d{0,15}$/).transform((value) => Number(value))),
  ])

/** The payee: one of the bank's account numbers, or an account id */
const creditor = () =>
  vine.union([
    vine.union.if(
      (value) => vine.helpers.isObject(value) && 'accountNumber' in value,
      vine.object({ accountNumber: text().trim().toUpperCase().regex(/^SR\d{10}$/) })
    ),
    vine.union.else(vine.object({ accountId: id() })),
  ])

/** { amount: "12.34", currency: "GBP" }: a decimal string, never a JSON number */
const amount = () =>
  vine.object({
    amount: text().regex(/^(0|[1-9]\d{0,14})(\.\d{1,3})?$/),
    currency: text().in(supportedCurrencies()),
  })

/**
 * POST /api/v1/transfers. The Idempotency-Key header (1-255 visible ASCII
 * characters) is validated with the body.
 */
export const createTransferValidator = vine.create({
  headers: vine.object({
    'idempotency-key': text().minLength(1).maxLength(255).regex(/^[\x21-\x7E]+$/),
  }),
  debtorAccountId: id(),
  creditor: creditor(),
  amount: amount(),
  reference: text().trim().maxLength(140).nullable().optional(),
  /** Dynamic linking: a payment authorisation of exactly this payment and a fresh TOTP code */
  sca: vine
    .object({
      authorisationId: text().uuid(),
      otp: text().regex(/^\d{6}$/),
    })
    .optional(),
})

/**
 * POST /api/v1/payment-authorisations: the payment (debtor, payee,
 * amount) a fresh one-time code will approve.
 */
export const createPaymentAuthorisationValidator = vine.create({
  debtorAccountId: id(),
  creditor: creditor(),
  amount: amount(),
})
