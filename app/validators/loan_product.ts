import vine, { errors } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { text } from '#validators/common'
import { Money, InvalidMoneyError } from '#domain/money/money'
import { supportedCurrencies } from '#domain/money/currencies'
import { percentToPpm } from '#domain/loans/rates'
import { AMORTISATIONS, FREQUENCIES, MAX_TERM_COUNT } from '#domain/loans/schedule_terms'
import { COMPONENTS } from '#domain/loans/allocation'
import { MAX_GRACE_DAYS, productTermsProblems, type ProductTerms, type TermField } from '#domain/loans/product_terms'

/**
 * The backoffice's loan product forms (admins, four-eyes). Amounts are
 * typed as decimals in the product's currency ("500.00"), rates and
 * ratios as percentages ("9.9"); productTermsFromForm() turns them into
 * minor units and ppm and runs the domain checks, every problem on its
 * own form field.
 */

/** A loan product's code: lower-case letters, digits and dashes (the loan_products_code check) */
export const LOAN_PRODUCT_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/

const page = () => vine.number().withoutDecimals().min(1).max(100000).optional()
const typed = () => text().trim().maxLength(40)

/* checkboxes and plain forms may send the order as "penalty,fee,interest,principal" */
const allocationOrder = () =>
  vine
    .array(vine.enum(COMPONENTS))
    .maxLength(COMPONENTS.length)
    .parse((value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value))

const TERMS = {
  name: text().trim().minLength(1).maxLength(120),
  min_principal: typed(),
  max_principal: typed(),
  min_term: vine.number().withoutDecimals().min(1).max(MAX_TERM_COUNT),
  max_term: vine.number().withoutDecimals().min(1).max(MAX_TERM_COUNT),
  annual_rate: typed(),
  frequency: vine.enum(FREQUENCIES),
  amortisation: vine.enum(AMORTISATIONS),
  origination_fee: typed(),
  late_penalty: typed(),
  grace_days: vine.number().withoutDecimals().min(0).max(MAX_GRACE_DAYS),
  max_debt_to_income: typed(),
  second_approval_above: typed(),
  allocation_order: allocationOrder(),
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
}

/** A new product: its code, its currency (fixed for the product's life) and every term */
export const createLoanProductValidator = vine.create({
  code: text().trim().toLowerCase().regex(LOAN_PRODUCT_CODE),
  currency: text().trim().toUpperCase().in(supportedCurrencies()),
  ...TERMS,
})

/** A new version of a product: every term but the currency, and the version the form was edited from */
export const updateLoanProductValidator = vine.create({
  base_version: vine.number().withoutDecimals().min(1),
  ...TERMS,
})

/** Retire or reactivate a product (four-eyes): why, for the checker and the audit trail */
export const changeLoanProductStatusValidator = vine.create({
  reason: text().trim().minLength(3).maxLength(500),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/** The product list: filter by status, paginated on the server */
export const listLoanProductsValidator = vine.create({
  status: vine.enum(['active', 'retired'] as const).optional(),
  page: page(),
})

export type LoanProductTermsForm = Omit<Infer<typeof updateLoanProductValidator>, 'base_version'>

/** Each term's form field */
export const FORM_FIELDS: Record<TermField, string> = {
  name: 'name',
  currency: 'currency',
  minPrincipal: 'min_principal',
  maxPrincipal: 'max_principal',
  minTerm: 'min_term',
  maxTerm: 'max_term',
  annualRatePpm: 'annual_rate',
  frequency: 'frequency',
  amortisation: 'amortisation',
  originationFeePpm: 'origination_fee',
  latePenalty: 'late_penalty',
  graceDays: 'grace_days',
  maxDebtToIncomePpm: 'max_debt_to_income',
  secondApprovalAbove: 'second_approval_above',
  allocationOrder: 'allocation_order',
}

/**
 * The form's terms in minor units of `currency` and ppm, checked against
 * the domain (min ≤ max, the order a permutation ...). Throws a VineJS
 * validation error naming every bad field (422 for JSON clients, field
 * errors on the page).
 */
export function productTermsFromForm(form: LoanProductTermsForm, currency: string): ProductTerms {
  const problems: Array<{ field: string; message: string }> = []
  const amount = (field: keyof LoanProductTermsForm, label: string): bigint => {
    try {
      const money = Money.fromDecimal(String(form[field]).trim(), currency)
      if (!money.isNegative()) return money.minor
    } catch (error) {
      if (!(error instanceof InvalidMoneyError)) throw error
    }
    problems.push({ field, message: `The ${label} must be an amount in ${currency} such as 500.00` })
    return 0n
  }
  const percent = (field: keyof LoanProductTermsForm, label: string): bigint => {
    const ppm = percentToPpm(String(form[field]))
    if (ppm !== null) return ppm
    problems.push({ field, message: `The ${label} must be a percentage from 0 to 100 with at most 4 decimals, such as 9.9` })
    return 0n
  }
  const terms: ProductTerms = {
    name: form.name,
    currency,
    minPrincipal: amount('min_principal', 'minimum principal'),
    maxPrincipal: amount('max_principal', 'maximum principal'),
    minTerm: form.min_term,
    maxTerm: form.max_term,
    annualRatePpm: percent('annual_rate', 'annual rate'),
    frequency: form.frequency,
    amortisation: form.amortisation,
    originationFeePpm: percent('origination_fee', 'origination fee'),
    latePenalty: amount('late_penalty', 'late-payment penalty'),
    graceDays: form.grace_days,
    maxDebtToIncomePpm: percent('max_debt_to_income', 'maximum debt-to-income'),
    secondApprovalAbove: amount('second_approval_above', 'second-officer threshold'),
    allocationOrder: form.allocation_order,
  }
  const typedWrong = new Set(problems.map((p) => p.field))
  for (const problem of productTermsProblems(terms)) {
    const field = FORM_FIELDS[problem.field]
    if (!typedWrong.has(field)) problems.push({ field, message: problem.message })
  }
  if (problems.length === 0) return terms
  throw new errors.E_VALIDATION_ERROR(problems.map((p) => ({ ...p, rule: 'loanProductTerms' })))
}
