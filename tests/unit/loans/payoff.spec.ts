import { test } from '@japa/runner'
import fc from 'fast-check'
import type { OutstandingInstalment } from '#domain/loans/allocation'
import { payoffQuote, rescheduleAfterPrepayment } from '#domain/loans/payoff'
import { annuityInstalment, buildSchedule, periodicRate } from '#domain/loans/schedule'
import { InvalidLoanTermsError, type ScheduleTerms } from '#domain/loans/schedule_terms'

const terms: ScheduleTerms = {
  principal: 1_000_000n,
  annualRatePpm: 120_000n,
  termCount: 12,
  frequency: 'monthly',
  amortisation: 'annuity',
  startDate: '2026-01-15',
}
const schedule = buildSchedule(terms)
const outstanding: OutstandingInstalment[] = schedule.instalments.map((i) => ({
  number: i.number, dueDate: i.dueDate, penalty: 0n, fee: 0n, interest: i.interest, principal: i.principal,
}))

function reasonOf(run: () => unknown): string | null {
  try {
    run()
    return null
  } catch (error) {
    if (!(error instanceof InvalidLoanTermsError)) throw error
    return error.reason
  }
}

test.group('Loan payoff quote', () => {
  test('overdue amounts + future principal + 16/30 of the current month on the future principal', ({ assert }) => {
    const withPenalty = outstanding.map((i) => (i.number === 1 ? { ...i, penalty: 500n } : i))
    const quote = payoffQuote(terms, withPenalty, '2026-03-01')
    assert.deepEqual(quote.due, { penalty: 500n, fee: 0n, interest: 10_000n, principal: 78_849n })
    assert.equal(quote.futurePrincipal, 921_151n)
    // 9,211.51 × 1% × 16/30 = 49.12805 → 49.13
    assert.equal(quote.accruedDays, 16)
    assert.equal(quote.accruedInterest, 4_913n)
    assert.equal(quote.total, 500n + 10_000n + 78_849n + 921_151n + 4_913n)
  })

  test('on the disbursement date the payoff is the principal; on a due date that instalment is due in full', ({ assert }) => {
    assert.equal(payoffQuote(terms, outstanding, '2026-01-15').total, 1_000_000n)
    const onDueDate = payoffQuote(terms, outstanding, '2026-02-15')
    assert.equal(onDueDate.due.interest, 10_000n)
    assert.equal(onDueDate.accruedInterest, 0n)
    assert.equal(onDueDate.total, 1_010_000n)
  })

  test('settled instalments add nothing; after the last due date nothing accrues', ({ assert }) => {
    const settled = outstanding.map((i) => (i.number <= 11 ? { ...i, interest: 0n, principal: 0n } : i))
    const quote = payoffQuote(terms, settled, '2027-03-01')
    assert.equal(quote.accruedInterest, 0n)
    assert.equal(quote.total, schedule.instalments[11].total)
  })

  test('a month-end loan counts 30E/360 days, capped at a full 30-day month', ({ assert }) => {
    const monthEnd = { ...terms, startDate: '2026-01-31' }
    const rows = buildSchedule(monthEnd).instalments.map((i) => ({ ...i, penalty: 0n, fee: 0n }))
    const paidFirst = rows.map((i) => (i.number === 1 ? { ...i, interest: 0n, principal: 0n } : i))
    // period 28 Feb → 31 Mar; 15 March is 30 + 15 − 28 = 17 days in
    assert.equal(payoffQuote(monthEnd, paidFirst, '2026-03-15').accruedDays, 17)
    assert.equal(payoffQuote(monthEnd, paidFirst, '2026-03-30').accruedDays, 30)
  })

  test('weekly loans accrue calendar days out of 7', ({ assert }) => {
    const weekly = { ...terms, principal: 100_000n, annualRatePpm: 100_000n, termCount: 4, frequency: 'weekly' as const, startDate: '2026-02-20' }
    const rows = buildSchedule(weekly).instalments.map((i) => ({ ...i, penalty: 0n, fee: 0n }))
    const quote = payoffQuote(weekly, rows, '2026-02-23')
    // 1,000.00 × 0.1/52 × 3/7 = 0.824 → 0.82
    assert.equal(quote.accruedDays, 3)
    assert.equal(quote.accruedInterest, 82n)
  })
})

test.group('Loan prepayment', () => {
  test('keeps the 9 remaining instalments and recomputes them on the reduced principal', ({ assert }) => {
    const result = rescheduleAfterPrepayment({ terms, nextInstalmentNumber: 4, outstandingPrincipal: 761_080n, prepayment: 200_000n, asOf: '2026-04-30' })
    assert.equal(result.newPrincipal, 561_080n)
    // 2,000.00 × 1% × 15/30 = 10.00
    assert.equal(result.accruedInterest, 1_000n)
    const rows = result.schedule.instalments
    assert.deepEqual([rows.length, rows[0].number, rows[0].dueDate, rows[8].number, rows[8].dueDate], [9, 4, '2026-05-15', 12, '2027-01-15'])
    assert.equal(result.schedule.instalmentAmount, annuityInstalment(561_080n, periodicRate(120_000n, 'monthly'), 9))
    assert.isBelow(Number(result.schedule.instalmentAmount), 88_849)
    assert.equal(result.schedule.totals.principal, 561_080n)
    assert.equal(rows[8].balanceAfter, 0n)
  })

  test('due dates stay anchored on the original start: a 31 January loan keeps month ends', ({ assert }) => {
    const monthEnd = { ...terms, startDate: '2026-01-31' }
    const result = rescheduleAfterPrepayment({ terms: monthEnd, nextInstalmentNumber: 2, outstandingPrincipal: 921_151n, prepayment: 1_000n, asOf: '2026-03-01' })
    assert.deepEqual(result.schedule.instalments.slice(0, 3).map((i) => i.dueDate), ['2026-03-31', '2026-04-30', '2026-05-31'])
  })

  test('refuses a prepayment of nothing, of everything, outside the current period or leaving too little', ({ assert }) => {
    const input = { terms, nextInstalmentNumber: 4, outstandingPrincipal: 761_080n, prepayment: 200_000n, asOf: '2026-04-30' }
    assert.equal(reasonOf(() => rescheduleAfterPrepayment({ ...input, prepayment: 0n })), 'invalid_prepayment')
    assert.equal(reasonOf(() => rescheduleAfterPrepayment({ ...input, prepayment: 761_080n })), 'invalid_prepayment')
    assert.equal(reasonOf(() => rescheduleAfterPrepayment({ ...input, asOf: '2026-05-15' })), 'invalid_prepayment')
    assert.equal(reasonOf(() => rescheduleAfterPrepayment({ ...input, asOf: '2026-04-14' })), 'invalid_prepayment')
    assert.equal(reasonOf(() => rescheduleAfterPrepayment({ ...input, nextInstalmentNumber: 13 })), 'invalid_prepayment')
    assert.equal(reasonOf(() => rescheduleAfterPrepayment({ ...input, prepayment: 761_075n })), 'principal_below_term_count')
    assert.isNull(reasonOf(() => rescheduleAfterPrepayment({ ...input, asOf: '2026-04-15' })))
  })

  test('property: the new schedule repays exactly the reduced principal with every schedule guarantee', () => {
    const cases = fc.record({
      principal: fc.bigInt(10_000_00n, 1_000_000_00n),
      annualRatePpm: fc.bigInt(0n, 300_000n),
      termCount: fc.integer({ min: 2, max: 120 }),
      frequency: fc.constantFrom('monthly' as const, 'weekly' as const),
      amortisation: fc.constantFrom('annuity' as const, 'equal_principal' as const),
      startDate: fc.constantFrom('2026-01-31', '2026-03-15'),
    }).chain((loan) => fc.record({
      loan: fc.constant(loan),
      paidCount: fc.integer({ min: 0, max: loan.termCount - 1 }),
      share: fc.integer({ min: 1, max: 90 }),
    }))
    fc.assert(
      fc.property(cases, ({ loan, paidCount, share }) => {
        const original = buildSchedule(loan).instalments
        const balance = paidCount === 0 ? loan.principal : original[paidCount - 1].balanceAfter
        const prepayment = (balance * BigInt(share)) / 100n
        if (prepayment === 0n || balance - prepayment < BigInt(loan.termCount - paidCount)) return
        const asOf = paidCount === 0 ? loan.startDate : original[paidCount - 1].dueDate
        const result = rescheduleAfterPrepayment({ terms: loan, nextInstalmentNumber: paidCount + 1, outstandingPrincipal: balance, prepayment, asOf })
        const rows = result.schedule.instalments
        const sum = rows.reduce((total, row) => total + row.principal, 0n)
        if (sum !== balance - prepayment || rows.at(-1)!.balanceAfter !== 0n) throw new Error('principal not repaid exactly')
        if (rows.some((row, k) => row.principal <= 0n || row.interest < 0n || row.number !== paidCount + 1 + k || row.dueDate !== original[paidCount + k].dueDate)) {
          throw new Error('bad row')
        }
        if (loan.amortisation === 'annuity' && rows.slice(0, -1).some((row) => row.total !== result.schedule.instalmentAmount)) {
          throw new Error('annuity instalments differ')
        }
        if (result.accruedInterest !== 0n) throw new Error('a prepayment on the period start accrues nothing')
      }),
      { numRuns: 300 }
    )
  })
})
