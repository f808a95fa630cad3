import vine from '@vinejs/vine'
import { text } from '#validators/common'

/** Every servicing form carries a key from the page, so a form sent twice acts once */
const idempotencyKey = () => text().trim().uuid()
const reason = () => text().trim().minLength(3).maxLength(1000)

/**
 * POST /backoffice/loans/:id/repayments: the payoff (`full`) or an amount
 * typed as a decimal in the loan's currency (minor units are taken with
 * minorUnitsOf, never a float); beyond what is due it prepays principal.
 */
export const repayLoanValidator = vine.create({
  type: vine.enum(['full', 'amount'] as const),
  amount: text().trim().regex(/^\d{1,15}(\.\d{1,3})?$/).optional().requiredWhen('type', '=', 'amount'),
  idempotencyKey: idempotencyKey(),
})

/** POST …/write-off and …/repayments/:repaymentId/reverse: four-eyes requests, the reason required (audited) */
export const loanServicingRequestValidator = vine.create({
  reason: reason(),
  idempotencyKey: idempotencyKey(),
})
