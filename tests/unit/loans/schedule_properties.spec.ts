import { test } from '@japa/runner'
import fc from 'fast-check'
import { buildSchedule, type RepaymentSchedule } from '#domain/loans/schedule'
import { InvalidLoanTermsError, type ScheduleTerms } from '#domain/loans/schedule_terms'

/**
 * Float oracle, in the test only: numpy-financial's pmt for a loan of P
 * (positive instalment), written with expm1/log1p so that 1 − (1+r)^−n
 * keeps its precision at tiny rates. Within the generated ranges
 * (P ≤ 5,000,000.00 = 5e8 minor units, r ≤ 40%/12, n ≤ 360) the double
 * result is within ~1e-6 minor units of the exact rational, so the
 * bigint instalment (the exact value rounded half-up) must lie within
 * 0.5 minor units of it (plus that slack) — tighter than one minor unit.
 */
function pmt(principal: number, rate: number, periods: number): number {
  if (rate === 0) return principal / periods
  return (principal * rate) / -Math.expm1(-periods * Math.log1p(rate))
}

const termsArbitrary = fc.record({
  principal: fc.bigInt(1_00n, 5_000_000_00n),
  annualRatePpm: fc.oneof(fc.constant(0n), fc.bigInt(1n, 400_000n)),
  termCount: fc.integer({ min: 1, max: 360 }),
  frequency: fc.constantFrom('monthly' as const, 'weekly' as const),
  amortisation: fc.constantFrom('annuity' as const, 'equal_principal' as const),
  startDate: fc.constantFrom('2026-01-31', '2026-02-28', '2027-06-15', '2028-02-29'),
})

/**
 * Builds, or returns null when refused for one of the two documented
 * degenerate cases: fewer minor units than instalments (checked here to be
 * true), or a rounded instalment that cannot amortise.
 */
function buildOrRefuse(terms: ScheduleTerms): RepaymentSchedule | null {
  try {
    return buildSchedule(terms)
  } catch (error) {
    if (!(error instanceof InvalidLoanTermsError)) throw error
    if (error.reason === 'principal_below_term_count' && terms.principal < BigInt(terms.termCount)) return null
    if (error.reason === 'instalment_does_not_amortise') return null
    throw error
  }
}

/**
 * A refusal for 'instalment_does_not_amortise' is legitimate only for a
 * principal too small to absorb the rounding. Worked out from the error
 * bounds (each period's rounding moves the balance by at most one minor
 * unit, compounding at (1+r)): the schedule always builds when
 * P > ((1+r)^n − 1) / r² for r > 0, and when P > n(n − 1)/2 at r = 0;
 * equal principal always builds when P ≥ n.
 */
function refusalBound(terms: ScheduleTerms): number {
  if (terms.amortisation === 'equal_principal') return 0
  const n = terms.termCount
  const r = Number(terms.annualRatePpm) / 1e6 / (terms.frequency === 'monthly' ? 12 : 52)
  return r === 0 ? (n * (n - 1)) / 2 : (Math.expm1(n * Math.log1p(r)) / (r * r)) * (1 + 1e-9)
}

function assertGuarantees(terms: ScheduleTerms, schedule: RepaymentSchedule) {
  const { instalments } = schedule
  if (instalments.length !== terms.termCount) throw new Error('wrong number of instalments')
  let previous = terms.principal
  let principalSum = 0n
  for (const [index, instalment] of instalments.entries()) {
    if (instalment.principal <= 0n || instalment.interest < 0n) throw new Error(`non-positive principal or negative interest at ${index + 1}`)
    if (instalment.total !== instalment.principal + instalment.interest) throw new Error('total is not principal + interest')
    // balanceAfter STRICTLY decreases: every principal portion is at least one minor unit
    if (instalment.balanceAfter >= previous || instalment.balanceAfter < 0n) throw new Error(`balance not strictly decreasing at ${index + 1}`)
    if (index > 0 && instalment.dueDate <= instalments[index - 1].dueDate) throw new Error('due dates not increasing')
    previous = instalment.balanceAfter
    principalSum += instalment.principal
  }
  if (principalSum !== terms.principal || schedule.totals.principal !== terms.principal) throw new Error('principal portions do not sum to the principal')
  if (instalments.at(-1)!.balanceAfter !== 0n) throw new Error('last balance is not 0')
  if (terms.amortisation === 'annuity') {
    const regular = schedule.instalmentAmount!
    if (instalments.slice(0, -1).some((i) => i.total !== regular)) throw new Error('annuity instalments differ before the last')
  }
}

test.group('Loan schedule: properties', () => {
  test('for random terms: exact principal sum, nothing negative, strictly decreasing balance to 0, equal annuity instalments', () => {
    fc.assert(
      fc.property(termsArbitrary, (terms) => {
        const schedule = buildOrRefuse(terms)
        if (schedule !== null) return assertGuarantees(terms, schedule)
        if (terms.principal >= BigInt(terms.termCount) && Number(terms.principal) > refusalBound(terms)) {
          throw new Error('refused terms whose principal is large enough to amortise')
        }
      }),
      { numRuns: 2000 }
    )
  })

  test('the annuity instalment agrees with a float pmt oracle within half a minor unit', () => {
    fc.assert(
      fc.property(termsArbitrary, (terms) => {
        const schedule = buildOrRefuse({ ...terms, amortisation: 'annuity' })
        if (schedule === null) return
        const rate = Number(terms.annualRatePpm) / 1e6 / (terms.frequency === 'monthly' ? 12 : 52)
        const oracle = pmt(Number(terms.principal), rate, terms.termCount)
        const regular = Number(schedule.instalmentAmount!)
        if (Math.abs(regular - oracle) > 0.5 + 1e-6) throw new Error(`instalment ${regular} vs oracle ${oracle}`)
      }),
      { numRuns: 1500 }
    )
  })

  test('tiny principals over long terms are built within the guarantees or refused, never negative', () => {
    const tiny = fc.integer({ min: 1, max: 600 }).chain((termCount) =>
      fc.record({
        principal: fc.bigInt(BigInt(termCount), BigInt(termCount) * 20n),
        annualRatePpm: fc.bigInt(0n, 1_000_000n),
        termCount: fc.constant(termCount),
        frequency: fc.constantFrom('monthly' as const, 'weekly' as const),
        amortisation: fc.constantFrom('annuity' as const, 'equal_principal' as const),
        startDate: fc.constant('2026-01-31'),
      })
    )
    fc.assert(
      fc.property(tiny, (terms) => {
        const schedule = buildOrRefuse(terms)
        if (schedule !== null) assertGuarantees(terms, schedule)
        else if (Number(terms.principal) > refusalBound(terms)) throw new Error('refused terms above the refusal bound')
      }),
      { numRuns: 500 }
    )
  })
})
