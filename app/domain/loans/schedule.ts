import { addDays, addMonthsClamped } from '#domain/loans/loan_dates'
import { roundHalfUp, sumBigInt } from '#domain/loans/rational'
import {
  InvalidLoanTermsError,
  PERIODS_PER_YEAR,
  PPM,
  validateScheduleTerms,
  type Amortisation,
  type Frequency,
  type ScheduleTerms,
} from '#domain/loans/schedule_terms'

/**
 * The repayment schedule engine, exact in integer minor units (bigint).
 *
 * - Periodic rate r = annualRatePpm / (periods_per_year × 10^6), 12 or 52
 *   periods a year (30/360: calendar days do not change a period's rate).
 * - Due dates: startDate + k months (day of month clamped to the month's
 *   end, always from startDate: Jan 31 → Feb 28/29 → Mar 31) or + 7k days.
 * - Annuity: instalment = round-half-up(P·r·(1+r)^n / ((1+r)^n − 1)) on
 *   bigint rationals (P/n at zero rate). Equal principal: floor(P/n).
 * - Each period: interest = round-half-up(balance × r); principal =
 *   instalment − interest (annuity). The last instalment repays the whole
 *   remaining balance plus its interest, absorbing all rounding.
 *
 * Guarantees (enforced: a schedule that would break one is refused with
 * InvalidLoanTermsError 'instalment_does_not_amortise', only possible when
 * the principal is tiny for its term or the rate):
 * 1. principal portions sum exactly to the principal; balanceAfter of the
 *    last instalment is 0;
 * 2. no amount is negative; every principal portion is ≥ 1 minor unit, so
 *    balanceAfter strictly decreases;
 * 3. annuity: every instalment total is equal except the last.
 * Terms with principal < termCount minor units are refused up front.
 */

export interface Instalment {
  number: number
  dueDate: string
  principal: bigint
  interest: bigint
  total: bigint
  balanceAfter: bigint
}

export interface ScheduleTotals {
  principal: bigint
  interest: bigint
  total: bigint
}

export interface RepaymentSchedule {
  /** The regular annuity instalment (all but the last); null for equal principal */
  instalmentAmount: bigint | null
  instalments: Instalment[]
  totals: ScheduleTotals
}

/** A rate per period as an exact fraction, reduced */
export interface PeriodicRate {
  numerator: bigint
  denominator: bigint
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

export function periodicRate(annualRatePpm: bigint, frequency: Frequency): PeriodicRate {
  const denominator = PERIODS_PER_YEAR[frequency] * PPM
  const divisor = annualRatePpm === 0n ? denominator : gcd(annualRatePpm, denominator)
  return { numerator: annualRatePpm / divisor, denominator: denominator / divisor }
}

/** round-half-up(balance × r) */
export function periodInterest(balance: bigint, rate: PeriodicRate): bigint {
  return roundHalfUp(balance * rate.numerator, rate.denominator)
}

/** round-half-up(P·r·(1+r)^n / ((1+r)^n − 1)), or of P/n when r = 0 */
export function annuityInstalment(principal: bigint, rate: PeriodicRate, count: number): bigint {
  const n = BigInt(count)
  if (rate.numerator === 0n) return roundHalfUp(principal, n)
  const growth = (rate.denominator + rate.numerator) ** n
  const base = rate.denominator ** n
  return roundHalfUp(principal * rate.numerator * growth, rate.denominator * (growth - base))
}

/** Due date of instalment k (1-based) of a schedule disbursed on startDate */
export function dueDateOf(startDate: string, frequency: Frequency, k: number): string {
  return frequency === 'monthly' ? addMonthsClamped(startDate, k) : addDays(startDate, 7 * k)
}

export interface InstalmentPlan {
  principal: bigint
  rate: PeriodicRate
  amortisation: Amortisation
  dueDates: string[]
  /** Number of the first instalment (1 for a new schedule) */
  firstNumber: number
}

/** Amortises `principal` over the given due dates; enforces the guarantees above */
export function buildInstalments(plan: InstalmentPlan): RepaymentSchedule {
  const { principal, rate, amortisation, dueDates, firstNumber } = plan
  const count = dueDates.length
  const regular =
    amortisation === 'annuity' ? annuityInstalment(principal, rate, count) : principal / BigInt(count)
  const instalments: Instalment[] = []
  let balance = principal
  dueDates.forEach((dueDate, index) => {
    const last = index === count - 1
    const interest = periodInterest(balance, rate)
    const part = last ? balance : amortisation === 'annuity' ? regular - interest : regular
    if (!last && (part <= 0n || part >= balance)) {
      throw new InvalidLoanTermsError(
        'instalment_does_not_amortise',
        `Instalment ${firstNumber + index} would repay ${part} minor units of a ${balance} balance: ` +
          'the principal is too small for this term and rate'
      )
    }
    balance -= part
    instalments.push({ number: firstNumber + index, dueDate, principal: part, interest, total: part + interest, balanceAfter: balance })
  })
  return {
    instalmentAmount: amortisation === 'annuity' ? regular : null,
    instalments,
    totals: {
      principal: sumBigInt(instalments.map((i) => i.principal)),
      interest: sumBigInt(instalments.map((i) => i.interest)),
      total: sumBigInt(instalments.map((i) => i.total)),
    },
  }
}

/** The full schedule of validated terms; throws InvalidLoanTermsError */
export function buildSchedule(terms: ScheduleTerms): RepaymentSchedule {
  validateScheduleTerms(terms)
  const dueDates = Array.from({ length: terms.termCount }, (_, i) => dueDateOf(terms.startDate, terms.frequency, i + 1))
  return buildInstalments({
    principal: terms.principal,
    rate: periodicRate(terms.annualRatePpm, terms.frequency),
    amortisation: terms.amortisation,
    dueDates,
    firstNumber: 1,
  })
}
