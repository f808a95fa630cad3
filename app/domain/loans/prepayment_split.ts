import { accruedInterest, periodStartOf } from '#domain/loans/accrual'
import { periodicRate } from '#domain/loans/schedule'
import type { ScheduleTerms } from '#domain/loans/schedule_terms'

/**
 * How a prepayment of `available` minor units (what the borrower pays
 * beyond what is due) splits into principal p and the interest accrued on
 * p in the current period (accrual.ts: from the period's start to asOf, pro
 * rata on 30/360), so that p + interest(p) = available exactly. p is the
 * largest amount whose principal and interest fit; the minor unit or two
 * that rounding can leave over go to principal, never to interest.
 * Guarantees: principal + interest = available; interest ≥ 0; principal ≥ 0.
 */
export function prepaymentSplit(input: {
  terms: Pick<ScheduleTerms, 'annualRatePpm' | 'frequency' | 'startDate'>
  nextInstalmentNumber: number
  available: bigint
  asOf: string
}): { principal: bigint; interest: bigint } {
  const { terms, available } = input
  if (available <= 0n) return { principal: 0n, interest: 0n }
  const rate = periodicRate(terms.annualRatePpm, terms.frequency)
  const periodStart = periodStartOf(terms.startDate, terms.frequency, input.nextInstalmentNumber)
  const interestOn = (balance: bigint) =>
    accruedInterest({ balance, rate, frequency: terms.frequency, periodStart, asOf: input.asOf })
  const { elapsedDays, periodDays } = interestOn(0n)
  /* p·(1 + r·elapsed/period) = available, solved in integers, then nudged past rounding */
  const scale = rate.denominator * BigInt(periodDays)
  let p = (available * scale) / (scale + rate.numerator * BigInt(elapsedDays))
  while (p > 0n && p + interestOn(p).interest > available) p--
  while (p + 1n + interestOn(p + 1n).interest <= available) p++
  const interest = interestOn(p).interest
  return { principal: available - interest, interest }
}
