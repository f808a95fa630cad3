import { test } from '@japa/runner'
import {
  DEFAULT_DELINQUENCY_BUCKETS,
  InvalidBucketConfigurationError,
  bucketFor,
  daysPastDue,
  parseDelinquencyBuckets,
  penaltyDue,
  penaltyStartDate,
} from '#domain/loans/arrears'

const unpaid = (dueDate: string) => ({ dueDate, principal: 100n, interest: 10n, fee: 0n, penalty: 0n })
const paid = (dueDate: string) => ({ dueDate, principal: 0n, interest: 0n, fee: 0n, penalty: 0n })

test.group('Loan arrears: days past due', () => {
  test('counts calendar days from the oldest unpaid instalment', ({ assert }) => {
    const instalments = [paid('2026-01-15'), unpaid('2026-03-15'), unpaid('2026-02-15')]
    assert.equal(daysPastDue(instalments, '2026-03-20'), 33)
  })

  test('is 0 when nothing is overdue, including an instalment due today', ({ assert }) => {
    assert.equal(daysPastDue([unpaid('2026-03-15')], '2026-03-15'), 0)
    assert.equal(daysPastDue([unpaid('2026-03-15')], '2026-03-16'), 1)
    assert.equal(daysPastDue([paid('2026-01-15'), unpaid('2026-04-15')], '2026-03-20'), 0)
    assert.equal(daysPastDue([], '2026-03-20'), 0)
  })

  test('an outstanding penalty alone does not keep a loan in arrears; an unpaid fee does', ({ assert }) => {
    assert.equal(daysPastDue([{ ...paid('2026-01-15'), penalty: 500n }], '2026-02-15'), 0)
    assert.equal(daysPastDue([{ ...paid('2026-01-15'), fee: 500n }], '2026-02-15'), 31)
  })

  test('refuses a date that is not an ISO date', ({ assert }) => {
    assert.throws(() => daysPastDue([], '20/03/2026'))
  })
})

test.group('Loan arrears: delinquency buckets', () => {
  test('default buckets: 1-30, 31-60, 61-90, 90+ at their edges; current is no bucket', ({ assert }) => {
    assert.isNull(bucketFor(0))
    assert.deepEqual([1, 30, 31, 60, 61, 90, 91, 5000].map((d) => bucketFor(d)!.code), ['1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+'])
    assert.throws(() => bucketFor(-1))
  })

  test('parses a configuration string, and bucketFor follows it', ({ assert }) => {
    const buckets = parseDelinquencyBuckets('1-15, 16-45,46+')
    assert.deepEqual(buckets, [{ code: '1-15', from: 1, to: 15 }, { code: '16-45', from: 16, to: 45 }, { code: '46+', from: 46, to: null }])
    assert.equal(bucketFor(16, buckets)!.code, '16-45')
    assert.deepEqual(parseDelinquencyBuckets([...DEFAULT_DELINQUENCY_BUCKETS]), [...DEFAULT_DELINQUENCY_BUCKETS])
  })

  test('refuses gaps, overlaps, a start other than 1, a closed last bucket or an open one before it', ({ assert }) => {
    for (const config of ['', '1-30,32+', '1-30,30+', '2-30,31+', '1-30,31-60', '1+,2+', '1-30,31-20,21+', '1-30,x', []]) {
      assert.throws(() => parseDelinquencyBuckets(config), InvalidBucketConfigurationError)
    }
    assert.deepEqual(parseDelinquencyBuckets('1+'), [{ code: '1+', from: 1, to: null }])
  })
})

test.group('Loan arrears: penalties', () => {
  test('a penalty applies from the day after the grace period', ({ assert }) => {
    assert.equal(penaltyStartDate('2026-01-01', 5), '2026-01-07')
    assert.equal(penaltyStartDate('2026-02-27', 0), '2026-02-28')
    assert.isFalse(penaltyDue(unpaid('2026-01-01'), '2026-01-06', 5))
    assert.isTrue(penaltyDue(unpaid('2026-01-01'), '2026-01-07', 5))
  })

  test('no penalty on a paid instalment; negative grace refused', ({ assert }) => {
    assert.isFalse(penaltyDue(paid('2026-01-01'), '2026-06-01', 5))
    assert.throws(() => penaltyStartDate('2026-01-01', -1))
  })
})
