import vine, { errors } from '@vinejs/vine'
import { calendarDay, text } from '#validators/common'
import { Money } from '#domain/money/money'
import { LOAN_STATES } from '#domain/loans/lifecycle'

/** A decimal amount as typed (minor units come from the currency's exponent, never a float) */
const decimal = () => text().trim().regex(/^\d{1,15}(\.\d{1,3})?$/)
const reason = () => text().trim().minLength(3).maxLength(1000)

/** The review queue's statuses (the default tab): waiting for an officer or for disbursement */
export const QUEUE_STATUSES = ['submitted', 'under_review', 'approved'] as const
export const LOAN_SORTS = ['submitted_at', 'principal', 'status', 'id'] as const

/** GET /backoffice/loans: filters, order and server-side pagination */
export const listLoansValidator = vine.create({
  status: vine.enum([...LOAN_STATES, 'queue', 'all'] as const).optional(),
  product: vine.number().withoutDecimals().min(1).optional(),
  minAmount: decimal().optional(),
  maxAmount: decimal().optional(),
  /** only applications submitted before this day */
  submittedBefore: calendarDay().optional(),
  sort: vine.enum(LOAN_SORTS).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})

/** POST …/approve: an optional reason; the key makes a resubmitted form file one four-eyes request */
export const approveLoanValidator = vine.create({
  reason: text().trim().maxLength(1000).optional(),
  idempotencyKey: text().trim().uuid(),
})

/** POST …/reject and …/withdraw: the reason is required (audited, shown to officers) */
export const loanReasonValidator = vine.create({ reason: reason() })

/** POST …/notes */
export const addLoanNoteValidator = vine.create({ note: text().trim().minLength(1).maxLength(4000) })

/** POST /backoffice/customers/:id/loans: an application taken at a branch */
export const applyForLoanValidator = vine.create({
  productId: vine.number().withoutDecimals().min(1),
  principal: decimal(),
  termCount: vine.number().withoutDecimals().min(1).max(600),
  purpose: text().trim().minLength(3).maxLength(500),
  monthlyIncome: decimal(),
  monthlyObligations: decimal(),
  disbursementAccountId: vine.number().withoutDecimals().min(1),
})

/**
 * A typed decimal as minor units of `currency`. More decimals than the
 * currency has is a field error (422 / back to the form), not a rounding.
 */
export function minorUnitsOf(field: string, value: string, currency: string): bigint {
  try {
    return Money.fromDecimal(value, currency).minor
  } catch {
    throw new errors.E_VALIDATION_ERROR([
      { field, rule: 'currencyDecimals', message: `The ${field} field has more decimals than ${currency} allows` },
    ])
  }
}
