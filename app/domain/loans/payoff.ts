import { accruedInterest, periodStartOf } from '#domain/loans/accrual'
import { COMPONENTS, type ComponentAmounts, type OutstandingInstalment } from '#domain/loans/allocation'
import { isIsoDate } from '#domain/loans/loan_dates'
import { buildInstalments, dueDateOf, periodicRate, type RepaymentSchedule } from '#domain/loans/schedule'
import { InvalidLoanTermsError, validateScheduleTerms, type ScheduleTerms } from '#domain/loans/schedule_terms'

/**
 * Early repayment.
 *
 * Payoff quote as of a date = everything due on or before it (penalty,
 * fee, interest, principal outstanding) + the principal of the instalments
 * not yet due + the current period's interest accrued pro rata (accrual.ts)
 * on that principal. Future instalments' scheduled interest, fees and
 * penalties are not charged.
 *
 * Partial prepayment (the one choice made): it KEEPS THE NUMBER OF
 * REMAINING INSTALMENTS and recomputes their amount on the reduced
 * principal, with the loan's rate, amortisation and due dates (anchored on
 * the original start date), so the new schedule has every guarantee of
 * schedule.ts. It takes effect from the start of the current period; the
 * interest accrued on the prepaid part since then is returned as
 * `accruedInterest`, to be collected with the prepayment.
 */

export type LoanPricing = Pick<ScheduleTerms, 'annualRatePpm' | 'frequency' | 'startDate'>

export interface PayoffQuote {
  asOf: string
  /** Outstanding on instalments due on or before asOf */
  due: ComponentAmounts
  /** Principal of the instalments due after asOf */
  futurePrincipal: bigint
  accruedInterest: bigint
  accruedDays: number
  total: bigint
}

export function payoffQuote(pricing: LoanPricing, instalments: readonly OutstandingInstalment[], asOf: string): PayoffQuote {
  if (!isIsoDate(asOf)) throw new RangeError(`Not an ISO calendar date: "${asOf}"`)
  const due: ComponentAmounts = { penalty: 0n, fee: 0n, interest: 0n, principal: 0n }
  let futurePrincipal = 0n
  let current: OutstandingInstalment | null = null
  for (const instalment of instalments) {
    if (COMPONENTS.some((component) => instalment[component] < 0n)) {
      throw new RangeError(`Instalment ${instalment.number} has a negative outstanding amount`)
    }
    if (instalment.dueDate <= asOf) {
      for (const component of COMPONENTS) due[component] += instalment[component]
    } else {
      futurePrincipal += instalment.principal
      if (current === null || instalment.number < current.number) current = instalment
    }
  }
  const accrued = current
    ? accruedInterest({
        balance: futurePrincipal,
        rate: periodicRate(pricing.annualRatePpm, pricing.frequency),
        frequency: pricing.frequency,
        periodStart: periodStartOf(pricing.startDate, pricing.frequency, current.number),
        asOf,
      })
    : { interest: 0n, elapsedDays: 0 }
  const total = due.penalty + due.fee + due.interest + due.principal + futurePrincipal + accrued.interest
  return { asOf, due, futurePrincipal, accruedInterest: accrued.interest, accruedDays: accrued.elapsedDays, total }
}

export interface PrepaymentInput {
  /** The loan's original terms */
  terms: ScheduleTerms
  /** Number of the first instalment not yet due (everything due is settled) */
  nextInstalmentNumber: number
  /** Principal of instalments nextInstalmentNumber..termCount before the prepayment */
  outstandingPrincipal: bigint
  /** Principal repaid early: 0 < prepayment < outstandingPrincipal (all of it is a payoff) */
  prepayment: bigint
  asOf: string
}

export interface PrepaymentResult {
  newPrincipal: bigint
  /** Interest on the prepaid principal from the period start to asOf, collected with it */
  accruedInterest: bigint
  /** Instalments nextInstalmentNumber..termCount on the reduced principal */
  schedule: RepaymentSchedule
}

function refuse(message: string): never {
  throw new InvalidLoanTermsError('invalid_prepayment', message)
}

export function rescheduleAfterPrepayment(input: PrepaymentInput): PrepaymentResult {
  const { terms, nextInstalmentNumber: next, outstandingPrincipal, prepayment, asOf } = input
  validateScheduleTerms(terms)
  if (!Number.isInteger(next) || next < 1 || next > terms.termCount) {
    refuse(`Instalment ${next} is not a remaining instalment of a ${terms.termCount}-instalment loan`)
  }
  if (outstandingPrincipal <= 0n) refuse('Nothing is outstanding')
  if (prepayment <= 0n || prepayment >= outstandingPrincipal) {
    refuse('A partial prepayment is more than 0 and less than the outstanding principal (repaying all of it is a payoff)')
  }
  const periodStart = periodStartOf(terms.startDate, terms.frequency, next)
  const nextDue = dueDateOf(terms.startDate, terms.frequency, next)
  if (!isIsoDate(asOf) || asOf < periodStart || asOf >= nextDue) {
    refuse(`A prepayment before instalment ${next} is made from ${periodStart} to the day before ${nextDue}`)
  }
  const rate = periodicRate(terms.annualRatePpm, terms.frequency)
  const newPrincipal = outstandingPrincipal - prepayment
  const count = terms.termCount - next + 1
  if (newPrincipal < BigInt(count)) {
    throw new InvalidLoanTermsError(
      'principal_below_term_count',
      `${newPrincipal} minor units cannot be repaid in the ${count} remaining instalments`
    )
  }
  const dueDates = Array.from({ length: count }, (_, i) => dueDateOf(terms.startDate, terms.frequency, next + i))
  const schedule = buildInstalments({ principal: newPrincipal, rate, amortisation: terms.amortisation, dueDates, firstNumber: next })
  const accrued = accruedInterest({ balance: prepayment, rate, frequency: terms.frequency, periodStart, asOf })
  return { newPrincipal, accruedInterest: accrued.interest, schedule }
}
