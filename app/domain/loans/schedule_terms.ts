import { isIsoDate } from '#domain/loans/loan_dates'

/**
 * The terms a repayment schedule is built from, their validation and the
 * one error that refuses them (InvalidLoanTermsError, E_INVALID_LOAN_TERMS).
 */

export const FREQUENCIES = ['monthly', 'weekly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export const AMORTISATIONS = ['annuity', 'equal_principal'] as const
export type Amortisation = (typeof AMORTISATIONS)[number]

export const PERIODS_PER_YEAR: Record<Frequency, bigint> = { monthly: 12n, weekly: 52n }
export const PPM = 1_000_000n
export const MAX_TERM_COUNT = 600
/** 100% nominal a year: anything above is refused as a typing error */
export const MAX_ANNUAL_RATE_PPM = 1_000_000n

export interface ScheduleTerms {
  /** Minor units lent, > 0 and at least one minor unit per instalment */
  principal: bigint
  /** Nominal annual rate in parts per million (12.5% = 125_000n); 0 allowed */
  annualRatePpm: bigint
  /** Number of instalments, 1..600 */
  termCount: number
  frequency: Frequency
  amortisation: Amortisation
  /** Disbursement date 'YYYY-MM-DD'; the first instalment falls one period later */
  startDate: string
}

export type InvalidLoanTermsReason =
  | 'principal_not_positive'
  | 'rate_out_of_range'
  | 'term_out_of_range'
  | 'unknown_frequency'
  | 'unknown_amortisation'
  | 'invalid_start_date'
  | 'principal_below_term_count'
  | 'instalment_does_not_amortise'
  | 'invalid_prepayment'

export class InvalidLoanTermsError extends Error {
  code = 'E_INVALID_LOAN_TERMS'
  constructor(
    readonly reason: InvalidLoanTermsReason,
    message: string
  ) {
    super(message)
  }
}

/** Throws InvalidLoanTermsError naming the first problem; returns the terms otherwise */
export function validateScheduleTerms(terms: ScheduleTerms): ScheduleTerms {
  const { principal, annualRatePpm, termCount, frequency, amortisation, startDate } = terms
  if (typeof principal !== 'bigint' || principal <= 0n) {
    throw new InvalidLoanTermsError('principal_not_positive', 'The principal must be a positive number of minor units')
  }
  if (typeof annualRatePpm !== 'bigint' || annualRatePpm < 0n || annualRatePpm > MAX_ANNUAL_RATE_PPM) {
    throw new InvalidLoanTermsError('rate_out_of_range', 'The annual rate must be between 0 and 1,000,000 ppm (100%)')
  }
  if (!Number.isInteger(termCount) || termCount < 1 || termCount > MAX_TERM_COUNT) {
    throw new InvalidLoanTermsError('term_out_of_range', `The number of instalments must be 1 to ${MAX_TERM_COUNT}`)
  }
  if (!FREQUENCIES.includes(frequency)) {
    throw new InvalidLoanTermsError('unknown_frequency', `Unknown repayment frequency "${frequency}"`)
  }
  if (!AMORTISATIONS.includes(amortisation)) {
    throw new InvalidLoanTermsError('unknown_amortisation', `Unknown amortisation "${amortisation}"`)
  }
  if (!isIsoDate(startDate)) {
    throw new InvalidLoanTermsError('invalid_start_date', `Not an ISO calendar date: "${startDate}"`)
  }
  if (principal < BigInt(termCount)) {
    throw new InvalidLoanTermsError(
      'principal_below_term_count',
      `A principal of ${principal} minor units cannot be repaid in ${termCount} instalments (at least one minor unit each)`
    )
  }
  return terms
}
