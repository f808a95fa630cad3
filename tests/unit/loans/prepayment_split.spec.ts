import { test } from '@japa/runner'
import fc from 'fast-check'
import { accruedInterest, periodStartOf } from '#domain/loans/accrual'
import { prepaymentSplit } from '#domain/loans/prepayment_split'
import { periodicRate } from '#domain/loans/schedule'
import { addDays } from '#domain/loans/loan_dates'

const terms = { annualRatePpm: 120_000n, frequency: 'monthly' as const, startDate: '2026-01-01' }

test.group('Loans: splitting a prepayment into principal and the interest accrued on it', () => {
  test('1,010.00 half-way through a 1%-a-month period: 1,004.98 principal and 5.02 interest', ({ assert }) => {
    /* 15 of 30 days at 1% a month: interest(p) = round-half-up(p × 0.005); p = 1,004.98 → 5.02, and 1,004.98 + 5.02 = 1,010.00 */
    const split = prepaymentSplit({ terms, nextInstalmentNumber: 2, available: 1_010_00n, asOf: '2026-02-16' })
    assert.deepEqual(split, { principal: 1_004_98n, interest: 5_02n })
  })

  test('on the first day of the period no interest has accrued: all of it is principal', ({ assert }) => {
    const split = prepaymentSplit({ terms, nextInstalmentNumber: 2, available: 500_00n, asOf: '2026-02-01' })
    assert.deepEqual(split, { principal: 500_00n, interest: 0n })
  })

  test('for any amount, rate and day: the parts sum exactly, and the interest is that of a principal within a minor unit or two', ({ assert }) => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000_00n }),
        fc.bigInt({ min: 0n, max: 400_000n }),
        fc.integer({ min: 0, max: 29 }),
        fc.constantFrom('monthly' as const, 'weekly' as const),
        (available, annualRatePpm, day, frequency) => {
          const pricing = { annualRatePpm, frequency, startDate: '2026-01-15' }
          const periodStart = periodStartOf(pricing.startDate, frequency, 3)
          const asOf = addDays(periodStart, frequency === 'weekly' ? day % 7 : day)
          const split = prepaymentSplit({ terms: pricing, nextInstalmentNumber: 3, available, asOf })
          assert.equal(split.principal + split.interest, available)
          assert.isTrue(split.interest >= 0n && split.principal > 0n)
          const rate = periodicRate(annualRatePpm, frequency)
          const interestOn = (p: bigint) => accruedInterest({ balance: p, rate, frequency, periodStart, asOf }).interest
          /* never more interest than the principal it is charged with earns */
          assert.isTrue(split.interest <= interestOn(split.principal))
          assert.isTrue(interestOn(split.principal) - split.interest <= 2n)
        }
      ),
      { numRuns: 500 }
    )
  })
})
