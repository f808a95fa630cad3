import { days360, daysBetween } from '#domain/loans/loan_dates'
import { roundHalfUp } from '#domain/loans/rational'
import { dueDateOf, type PeriodicRate } from '#domain/loans/schedule'
import type { Frequency } from '#domain/loans/schedule_terms'

/**
 * Interest accrued within the current period, pro rata on 30/360: a
 * monthly period counts 30E/360 days out of 30, a weekly one calendar days
 * out of 7, from the period's start (the previous due date, or the
 * disbursement date for instalment 1) to the date asked, capped at the
 * full period. accrued = round-half-up(balance × r × elapsed / period).
 */

export interface AccruedInterest {
  periodStart: string
  elapsedDays: number
  periodDays: number
  interest: bigint
}

/** Start of the period that ends on instalment `number`'s due date */
export function periodStartOf(startDate: string, frequency: Frequency, number: number): string {
  return number <= 1 ? startDate : dueDateOf(startDate, frequency, number - 1)
}

export function accruedInterest(input: {
  balance: bigint
  rate: PeriodicRate
  frequency: Frequency
  periodStart: string
  asOf: string
}): AccruedInterest {
  const { balance, rate, frequency, periodStart, asOf } = input
  const periodDays = frequency === 'monthly' ? 30 : 7
  const counted = frequency === 'monthly' ? days360(periodStart, asOf) : daysBetween(periodStart, asOf)
  const elapsedDays = Math.max(0, Math.min(periodDays, counted))
  const interest = roundHalfUp(balance * rate.numerator * BigInt(elapsedDays), rate.denominator * BigInt(periodDays))
  return { periodStart, elapsedDays, periodDays, interest }
}
