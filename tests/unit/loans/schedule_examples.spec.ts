import { test } from '@japa/runner'
import { buildSchedule, dueDateOf, periodicRate, annuityInstalment } from '#domain/loans/schedule'
import { InvalidLoanTermsError, type ScheduleTerms } from '#domain/loans/schedule_terms'
import { ROUNDING_RULE } from '#domain/loans/rational'
import { DAY_COUNT_CONVENTION, days360, parseIsoDate } from '#domain/loans/loan_dates'

const base: ScheduleTerms = {
  principal: 1_000_000n,
  annualRatePpm: 120_000n,
  termCount: 12,
  frequency: 'monthly',
  amortisation: 'annuity',
  startDate: '2026-01-15',
}

function reasonOf(terms: ScheduleTerms): string | null {
  try {
    buildSchedule(terms)
    return null
  } catch (error) {
    if (!(error instanceof InvalidLoanTermsError)) throw error
    return error.reason
  }
}

test.group('Loan schedule: worked examples', () => {
  test('10,000.00 at 12% over 12 months is 888.49 a month; the last is 888.47 and interest totals 661.86', ({ assert }) => {
    const schedule = buildSchedule(base)
    assert.equal(schedule.instalmentAmount, 88_849n)
    const [first, second] = schedule.instalments
    assert.deepEqual(first, { number: 1, dueDate: '2026-02-15', principal: 78_849n, interest: 10_000n, total: 88_849n, balanceAfter: 921_151n })
    // 9,211.51 × 1% = 92.1151 → 92.12
    assert.deepEqual(second, { number: 2, dueDate: '2026-03-15', principal: 79_637n, interest: 9_212n, total: 88_849n, balanceAfter: 841_514n })
    const last = schedule.instalments[11]
    // remaining 879.67 + 1% interest 8.7967 → 8.80
    assert.deepEqual(last, { number: 12, dueDate: '2027-01-15', principal: 87_967n, interest: 880n, total: 88_847n, balanceAfter: 0n })
    assert.deepEqual(schedule.totals, { principal: 1_000_000n, interest: 66_186n, total: 1_066_186n })
  })

  test('equal principal: 12,000.00 at 6% over 12 months repays 1,000.00 a month with interest on the declining balance', ({ assert }) => {
    const schedule = buildSchedule({ ...base, principal: 1_200_000n, annualRatePpm: 60_000n, amortisation: 'equal_principal' })
    assert.isNull(schedule.instalmentAmount)
    assert.deepEqual(schedule.instalments.map((i) => i.interest), [6000n, 5500n, 5000n, 4500n, 4000n, 3500n, 3000n, 2500n, 2000n, 1500n, 1000n, 500n])
    assert.isTrue(schedule.instalments.every((i) => i.principal === 100_000n))
    assert.deepEqual(schedule.totals, { principal: 1_200_000n, interest: 39_000n, total: 1_239_000n })
  })

  test('equal principal with a remainder: the last instalment takes it', ({ assert }) => {
    const schedule = buildSchedule({ ...base, principal: 1_000n, annualRatePpm: 0n, termCount: 3, amortisation: 'equal_principal' })
    assert.deepEqual(schedule.instalments.map((i) => i.principal), [333n, 333n, 334n])
  })

  test('zero rate annuity: P/n rounded half up, the last absorbs the rounding, no interest', ({ assert }) => {
    const down = buildSchedule({ ...base, principal: 100_000n, annualRatePpm: 0n, termCount: 3 })
    assert.deepEqual(down.instalments.map((i) => i.total), [33_333n, 33_333n, 33_334n])
    const up = buildSchedule({ ...base, principal: 200n, annualRatePpm: 0n, termCount: 3 })
    assert.deepEqual(up.instalments.map((i) => i.total), [67n, 67n, 66n])
    assert.equal(up.totals.interest, 0n)
  })

  test('weekly: 1,000.00 at 10% over 4 weeks, rate 10%/52 a week, due every 7 days', ({ assert }) => {
    const schedule = buildSchedule({ ...base, principal: 100_000n, annualRatePpm: 100_000n, termCount: 4, frequency: 'weekly', startDate: '2026-02-20' })
    assert.equal(schedule.instalmentAmount, 25_120n)
    assert.deepEqual(schedule.instalments.map((i) => i.dueDate), ['2026-02-27', '2026-03-06', '2026-03-13', '2026-03-20'])
    // 1,000.00 × 0.1/52 = 1.923 → 1.92
    assert.deepEqual(schedule.instalments.map((i) => i.interest), [192n, 144n, 96n, 48n])
    assert.equal(schedule.instalments[3].total, 25_120n)
  })

  test('one instalment repays everything with one period of interest', ({ assert }) => {
    const schedule = buildSchedule({ ...base, termCount: 1 })
    assert.deepEqual(schedule.instalments.map((i) => [i.principal, i.interest]), [[1_000_000n, 10_000n]])
  })

  test('the rate is exact: 12.5% a year is 125000/12000000 a month, reduced', ({ assert }) => {
    assert.deepEqual(periodicRate(125_000n, 'monthly'), { numerator: 1n, denominator: 96n })
    assert.deepEqual(periodicRate(0n, 'weekly'), { numerator: 0n, denominator: 1n })
    assert.equal(annuityInstalment(1_000_000n, periodicRate(120_000n, 'monthly'), 12), 88_849n)
  })
})

test.group('Loan schedule: due dates', () => {
  test('a 31 January start falls due on the last day of shorter months, computed from the start each time', ({ assert }) => {
    const schedule = buildSchedule({ ...base, startDate: '2026-01-31', termCount: 4 })
    assert.deepEqual(schedule.instalments.map((i) => i.dueDate), ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'])
    assert.equal(dueDateOf('2028-01-31', 'monthly', 1), '2028-02-29')
    assert.equal(dueDateOf('2026-11-30', 'monthly', 3), '2027-02-28')
  })

  test('the calendar does not change the interest: a 28-day February costs a full month', ({ assert }) => {
    const schedule = buildSchedule({ ...base, startDate: '2026-01-31', termCount: 2 })
    assert.equal(schedule.instalments[0].interest, 10_000n)
  })

  test('30E/360 day count counts day 31 as 30', ({ assert }) => {
    assert.equal(days360('2026-01-31', '2026-02-28'), 28)
    assert.equal(days360('2026-01-30', '2026-03-31'), 60)
    assert.equal(days360('2026-01-15', '2027-01-15'), 360)
    assert.isNull(parseIsoDate('2026-02-29'))
    assert.deepEqual(parseIsoDate('2028-02-29'), { year: 2028, month: 2, day: 29 })
  })

  test('rounding and day-count conventions are published as text', ({ assert }) => {
    assert.match(ROUNDING_RULE, /half-up/i)
    assert.match(DAY_COUNT_CONVENTION, /30\/360/)
  })
})

test.group('Loan schedule: refused terms', () => {
  test('each invalid term is refused with its reason', ({ assert }) => {
    assert.equal(reasonOf({ ...base, principal: 0n }), 'principal_not_positive')
    assert.equal(reasonOf({ ...base, principal: -5n }), 'principal_not_positive')
    assert.equal(reasonOf({ ...base, principal: 100 as unknown as bigint }), 'principal_not_positive')
    assert.equal(reasonOf({ ...base, annualRatePpm: -1n }), 'rate_out_of_range')
    assert.equal(reasonOf({ ...base, annualRatePpm: 1_000_001n }), 'rate_out_of_range')
    assert.equal(reasonOf({ ...base, termCount: 0 }), 'term_out_of_range')
    assert.equal(reasonOf({ ...base, termCount: 601 }), 'term_out_of_range')
    assert.equal(reasonOf({ ...base, termCount: 1.5 }), 'term_out_of_range')
    assert.equal(reasonOf({ ...base, frequency: 'daily' as 'weekly' }), 'unknown_frequency')
    assert.equal(reasonOf({ ...base, amortisation: 'bullet' as 'annuity' }), 'unknown_amortisation')
    assert.equal(reasonOf({ ...base, startDate: '2026-02-30' }), 'invalid_start_date')
    assert.equal(reasonOf({ ...base, startDate: '15/01/2026' }), 'invalid_start_date')
  })

  test('the boundaries are accepted: 600 instalments, 0% and 100% rates', ({ assert }) => {
    assert.isNull(reasonOf({ ...base, principal: 100_000_000n, termCount: 600, annualRatePpm: 50_000n }))
    assert.isNull(reasonOf({ ...base, annualRatePpm: 0n }))
    assert.isNull(reasonOf({ ...base, annualRatePpm: 1_000_000n }))
  })

  test('fewer minor units than instalments is refused; exactly one each is accepted', ({ assert }) => {
    assert.equal(reasonOf({ ...base, principal: 11n }), 'principal_below_term_count')
    const schedule = buildSchedule({ ...base, principal: 12n, annualRatePpm: 0n, amortisation: 'equal_principal' })
    assert.isTrue(schedule.instalments.every((i) => i.principal === 1n))
  })

  test('a rounded instalment that would repay the loan early is refused instead of going negative', ({ assert }) => {
    // 200/150 = 1.33 → 1 a month is fine, but 230/150 = 1.53 → 2 would be repaid after 115 instalments
    assert.isNull(reasonOf({ ...base, principal: 200n, annualRatePpm: 0n, termCount: 150 }))
    assert.equal(reasonOf({ ...base, principal: 230n, annualRatePpm: 0n, termCount: 150 }), 'instalment_does_not_amortise')
  })

  test('an instalment that repays no principal is refused (1,000.00 at 40% over 30 years)', ({ assert }) => {
    // exact instalment 3,333.358 → 3,333 = the first month's interest: nothing amortises
    assert.equal(reasonOf({ ...base, principal: 100_000n, annualRatePpm: 400_000n, termCount: 360 }), 'instalment_does_not_amortise')
    assert.isNull(reasonOf({ ...base, principal: 100_000n, annualRatePpm: 400_000n, termCount: 360, amortisation: 'equal_principal' }))
  })
})
