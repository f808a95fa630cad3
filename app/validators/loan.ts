import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { text } from '#validators/common'
import { supportedCurrencies } from '#domain/money/currencies'
import { MAX_TERM_COUNT } from '#domain/loans/schedule_terms'
import { LOAN_DOCUMENT_EXTNAMES, LOAN_DOCUMENT_MAX_SIZE } from '#domain/loans/loan_documents'
import type { LoanApplicationInput } from '#actions/loans/submit_loan_application'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'

/** An id sent as a JSON string of digits (what the API returns) or a positive integer */
const id = () =>
  vine.union([
    vine.union.if(
      (value) => typeof value === 'number',
      vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER)
    ),
    vine.union.else(text().regex(/^[1-9]\d{0,15}$/).transform((value) => Number(value))),
  ])

/** { amount: "12.34", currency: "GBP" }: a decimal string, never a JSON number; zero allowed */
const amount = () =>
  vine.object({
    amount: text().regex(/^(0|[1-9]\d{0,14})(\.\d{1,3})?$/),
    currency: text().in(supportedCurrencies()),
  })

/**
 * POST /api/v1/loan-applications. Amounts in the product's currency
 * (checked by SubmitLoanApplication); the optional Idempotency-Key header
 * (1-255 visible ASCII characters) is validated with the body.
 */
export const createLoanApplicationValidator = vine.create({
  headers: vine.object({
    'idempotency-key': text().minLength(1).maxLength(255).regex(/^[\x21-\x7E]+$/).optional(),
  }),
  productId: id(),
  principal: amount(),
  termCount: vine.number({ strict: true }).withoutDecimals().min(1).max(MAX_TERM_COUNT),
  purpose: text().trim().minLength(3).maxLength(500),
  monthlyIncome: amount(),
  monthlyObligations: amount(),
  disbursementAccountId: id(),
})

/**
 * POST /api/v1/loans/:id/repayments: the Idempotency-Key header is
 * required (money moves); `{ "type": "full" }` repays the payoff quote,
 * `{ "type": "amount", "amount": { ... } }` that amount (beyond what is
 * due it prepays principal).
 */
export const createLoanRepaymentValidator = vine.create({
  headers: vine.object({
    'idempotency-key': text().minLength(1).maxLength(255).regex(/^[\x21-\x7E]+$/),
  }),
  type: vine.enum(['full', 'amount'] as const),
  amount: amount().optional().requiredWhen('type', '=', 'amount'),
})

/** GET /api/v1/loan-applications, /api/v1/loans */
export const listLoansValidator = vine.create({
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
  cursor: text().trim().maxLength(200).regex(/^[A-Za-z0-9_-]+$/).optional(),
})

/** POST /api/v1/loan-applications/:id/documents: PDF, JPEG or PNG up to 10 MB (the type is checked from the bytes) */
export const uploadLoanDocumentValidator = vine.create({
  file: vine.file({ size: LOAN_DOCUMENT_MAX_SIZE, extnames: LOAN_DOCUMENT_EXTNAMES }),
})

/**
 * The application in minor units: each amount parsed exactly in its
 * currency (E_INVALID_AMOUNT for more decimals than it has); the three
 * amounts must share one currency (E_CURRENCY_MISMATCH).
 */
export function loanApplicationFromBody(body: Infer<typeof createLoanApplicationValidator>): LoanApplicationInput {
  const currency = body.principal.currency
  for (const field of ['monthlyIncome', 'monthlyObligations'] as const) {
    if (body[field].currency !== currency) {
      const message = `Every amount of an application is in one currency: ${field} is in ${body[field].currency}, the principal in ${currency}.`
      const mismatch = new CurrencyMismatchException(message)
      mismatch.errors = [{ field: `${field}.currency`, message, rule: 'currency' }]
      throw mismatch
    }
  }
  return {
    productId: body.productId,
    principal: moneyFromInput(body.principal.amount, currency).minor,
    termCount: body.termCount,
    purpose: body.purpose,
    monthlyIncome: moneyFromInput(body.monthlyIncome.amount, currency).minor,
    monthlyObligations: moneyFromInput(body.monthlyObligations.amount, currency).minor,
    disbursementAccountId: body.disbursementAccountId,
    currency,
  }
}
