import { Money } from '#domain/money/money'
import { isSupportedCurrency } from '#domain/money/currencies'
import { ppmToPercent } from '#domain/loans/rates'
import { AMORTISATIONS, FREQUENCIES, MAX_TERM_COUNT, type Amortisation, type Frequency } from '#domain/loans/schedule_terms'
import { COMPONENTS, isAllocationOrder, type Component } from '#domain/loans/allocation'

/**
 * The terms of a loan product version (one row of loan_product_versions),
 * their domain checks, the lines that describe a change for the checker,
 * and their JSON form inside an approval payload (money as minor-unit
 * strings, rates as ppm strings: never a float).
 */
export interface ProductTerms {
  name: string
  currency: string
  /** minor units */
  minPrincipal: bigint
  maxPrincipal: bigint
  /** instalments */
  minTerm: number
  maxTerm: number
  /** nominal annual rate, ppm (9.9% = 99_000n) */
  annualRatePpm: bigint
  frequency: Frequency
  amortisation: Amortisation
  /** of the principal, ppm */
  originationFeePpm: bigint
  /** minor units charged per missed instalment */
  latePenalty: bigint
  graceDays: number
  maxDebtToIncomePpm: bigint
  /** minor units: a principal above it needs a second officer */
  secondApprovalAbove: bigint
  allocationOrder: Component[]
}

export type TermField = keyof ProductTerms

export const TERM_FIELDS: TermField[] = [
  'name', 'currency', 'minPrincipal', 'maxPrincipal', 'minTerm', 'maxTerm', 'annualRatePpm', 'frequency',
  'amortisation', 'originationFeePpm', 'latePenalty', 'graceDays', 'maxDebtToIncomePpm', 'secondApprovalAbove',
  'allocationOrder',
]

export const TERM_LABELS: Record<TermField, string> = {
  name: 'Name',
  currency: 'Currency',
  minPrincipal: 'Minimum principal',
  maxPrincipal: 'Maximum principal',
  minTerm: 'Minimum term',
  maxTerm: 'Maximum term',
  annualRatePpm: 'Nominal annual rate',
  frequency: 'Repayment frequency',
  amortisation: 'Amortisation',
  originationFeePpm: 'Origination fee',
  latePenalty: 'Late-payment penalty',
  graceDays: 'Grace days',
  maxDebtToIncomePpm: 'Maximum debt-to-income',
  secondApprovalAbove: 'Second officer above',
  allocationOrder: 'Repayment allocation order',
}

export const MAX_GRACE_DAYS = 90
const PERCENT_100 = 1_000_000n
const MONEY_FIELDS = new Set<TermField>(['minPrincipal', 'maxPrincipal', 'latePenalty', 'secondApprovalAbove'])
const PPM_FIELDS = new Set<TermField>(['annualRatePpm', 'originationFeePpm', 'maxDebtToIncomePpm'])

export interface TermProblem {
  field: TermField
  message: string
}

/** Every rule the terms break, one problem per field (empty: the terms can be published) */
export function productTermsProblems(t: ProductTerms): TermProblem[] {
  const problems: TermProblem[] = []
  const fail = (field: TermField, message: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message })
  }
  if (!t.name.trim() || t.name.length > 120) fail('name', 'The name must be 1 to 120 characters')
  if (!isSupportedCurrency(t.currency)) fail('currency', `${t.currency} is not a supported currency`)
  if (t.minPrincipal <= 0n) fail('minPrincipal', 'The minimum principal must be positive')
  if (t.maxPrincipal < t.minPrincipal) fail('maxPrincipal', 'The maximum principal must not be below the minimum principal')
  if (!Number.isInteger(t.minTerm) || t.minTerm < 1) fail('minTerm', 'The minimum term must be at least 1 instalment')
  if (!Number.isInteger(t.maxTerm) || t.maxTerm > MAX_TERM_COUNT) fail('maxTerm', `The maximum term must be at most ${MAX_TERM_COUNT} instalments`)
  if (t.maxTerm < t.minTerm) fail('maxTerm', 'The maximum term must not be below the minimum term')
  if (t.annualRatePpm < 0n || t.annualRatePpm > PERCENT_100) fail('annualRatePpm', 'The annual rate must be between 0% and 100%')
  if (!FREQUENCIES.includes(t.frequency)) fail('frequency', `The frequency must be one of ${FREQUENCIES.join(', ')}`)
  if (!AMORTISATIONS.includes(t.amortisation)) fail('amortisation', `The amortisation must be one of ${AMORTISATIONS.join(', ')}`)
  if (t.originationFeePpm < 0n || t.originationFeePpm >= PERCENT_100) fail('originationFeePpm', 'The origination fee must be at least 0% and below 100%')
  if (t.latePenalty < 0n) fail('latePenalty', 'The late-payment penalty must not be negative')
  if (!Number.isInteger(t.graceDays) || t.graceDays < 0 || t.graceDays > MAX_GRACE_DAYS) fail('graceDays', `Grace days must be 0 to ${MAX_GRACE_DAYS}`)
  if (t.maxDebtToIncomePpm <= 0n || t.maxDebtToIncomePpm > PERCENT_100) fail('maxDebtToIncomePpm', 'The maximum debt-to-income must be above 0% and at most 100%')
  if (t.secondApprovalAbove < 0n) fail('secondApprovalAbove', 'The second-officer threshold must not be negative')
  if (!isAllocationOrder(t.allocationOrder)) fail('allocationOrder', `The allocation order must name each of ${COMPONENTS.join(', ')} exactly once`)
  return problems
}

/** A term as people read it: "500.00 GBP", "9.9%", "penalty, fee, interest, principal" */
export function describeTerm(field: TermField, t: ProductTerms): string {
  const value = t[field]
  if (MONEY_FIELDS.has(field)) return `${Money.of(value as bigint, t.currency).toDecimalString()} ${t.currency}`
  if (PPM_FIELDS.has(field)) return `${ppmToPercent(value as bigint)}%`
  if (field === 'minTerm' || field === 'maxTerm') return `${value} instalments`
  if (field === 'allocationOrder') return (value as Component[]).join(', ')
  return String(value)
}

function same(field: TermField, a: ProductTerms, b: ProductTerms) {
  return field === 'allocationOrder' ? a.allocationOrder.join(',') === b.allocationOrder.join(',') : a[field] === b[field]
}

/** One line per changed term, "Nominal annual rate: 9.9% → 10.5%" (empty: nothing changed) */
export function termsChanges(before: ProductTerms, after: ProductTerms): string[] {
  return TERM_FIELDS.filter((field) => !same(field, before, after)).map(
    (field) => `${TERM_LABELS[field]}: ${describeTerm(field, before)} → ${describeTerm(field, after)}`
  )
}

/** Every term as a line, for a new product */
export function termsLines(t: ProductTerms): string[] {
  return TERM_FIELDS.map((field) => `${TERM_LABELS[field]}: ${describeTerm(field, t)}`)
}

/** The terms inside an approval payload (JSON: minor units and ppm as integer strings) */
export interface ProductTermsJson {
  name: string
  currency: string
  minPrincipalMinor: string
  maxPrincipalMinor: string
  minTerm: number
  maxTerm: number
  annualRatePpm: string
  frequency: string
  amortisation: string
  originationFeePpm: string
  latePenaltyMinor: string
  graceDays: number
  maxDebtToIncomePpm: string
  secondApprovalAboveMinor: string
  allocationOrder: string[]
}

export function termsToJson(t: ProductTerms): ProductTermsJson {
  return {
    name: t.name,
    currency: t.currency,
    minPrincipalMinor: t.minPrincipal.toString(),
    maxPrincipalMinor: t.maxPrincipal.toString(),
    minTerm: t.minTerm,
    maxTerm: t.maxTerm,
    annualRatePpm: t.annualRatePpm.toString(),
    frequency: t.frequency,
    amortisation: t.amortisation,
    originationFeePpm: t.originationFeePpm.toString(),
    latePenaltyMinor: t.latePenalty.toString(),
    graceDays: t.graceDays,
    maxDebtToIncomePpm: t.maxDebtToIncomePpm.toString(),
    secondApprovalAboveMinor: t.secondApprovalAbove.toString(),
    allocationOrder: [...t.allocationOrder],
  }
}

const integer = (value: unknown): bigint => {
  if (!/^-?\d+$/.test(String(value))) throw new Error(`Not an integer: ${String(value)}`)
  return BigInt(String(value))
}

/** Back from the payload; throws on a malformed value (the domain checks run separately) */
export function termsFromJson(json: ProductTermsJson): ProductTerms {
  return {
    name: String(json.name),
    currency: String(json.currency),
    minPrincipal: integer(json.minPrincipalMinor),
    maxPrincipal: integer(json.maxPrincipalMinor),
    minTerm: Number(json.minTerm),
    maxTerm: Number(json.maxTerm),
    annualRatePpm: integer(json.annualRatePpm),
    frequency: json.frequency as Frequency,
    amortisation: json.amortisation as Amortisation,
    originationFeePpm: integer(json.originationFeePpm),
    latePenalty: integer(json.latePenaltyMinor),
    graceDays: Number(json.graceDays),
    maxDebtToIncomePpm: integer(json.maxDebtToIncomePpm),
    secondApprovalAbove: integer(json.secondApprovalAboveMinor),
    allocationOrder: (json.allocationOrder ?? []).map(String) as Component[],
  }
}
