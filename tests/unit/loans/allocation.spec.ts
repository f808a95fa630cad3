import { test } from '@japa/runner'
import fc from 'fast-check'
import {
  COMPONENTS,
  allocateRepayment,
  isAllocationOrder,
  parseAllocationOrder,
  InvalidAllocationError,
  InvalidAllocationOrderError,
  type OutstandingInstalment,
} from '#domain/loans/allocation'

function instalment(number: number, dueDate: string, amounts: Partial<OutstandingInstalment> = {}): OutstandingInstalment {
  return { number, dueDate, penalty: 0n, fee: 0n, interest: 0n, principal: 0n, ...amounts }
}

const first = instalment(1, '2026-02-15', { penalty: 500n, fee: 1_000n, interest: 10_000n, principal: 78_849n })
const second = instalment(2, '2026-03-15', { fee: 1_000n, interest: 9_212n, principal: 79_637n })

test.group('Loan repayment allocation', () => {
  test('pays the oldest instalment first, penalty then fee then interest then principal', ({ assert }) => {
    const result = allocateRepayment(12_000n, [second, first])
    assert.deepEqual(result.lines, [
      { number: 1, dueDate: '2026-02-15', penalty: 500n, fee: 1_000n, interest: 10_000n, principal: 500n, total: 12_000n },
    ])
    assert.deepEqual(result.totals, { penalty: 500n, fee: 1_000n, interest: 10_000n, principal: 500n, total: 12_000n })
    assert.equal(result.unallocated, 0n)
  })

  test('moves on to the next instalment once the oldest is settled', ({ assert }) => {
    const result = allocateRepayment(90_349n + 2_000n, [first, second])
    assert.equal(result.lines[0].total, 90_349n)
    assert.deepEqual(result.lines[1], { number: 2, dueDate: '2026-03-15', penalty: 0n, fee: 1_000n, interest: 1_000n, principal: 0n, total: 2_000n })
  })

  test('more than is outstanding leaves the excess unallocated', ({ assert }) => {
    const result = allocateRepayment(1_000_000n, [first, second])
    assert.equal(result.totals.total, 90_349n + 89_849n)
    assert.equal(result.unallocated, 1_000_000n - 90_349n - 89_849n)
  })

  test('a configured order is followed within each instalment', ({ assert }) => {
    const result = allocateRepayment(80_000n, [first], ['principal', 'interest', 'fee', 'penalty'])
    assert.deepEqual(result.totals, { penalty: 0n, fee: 0n, interest: 1_151n, principal: 78_849n, total: 80_000n })
  })

  test('same due date: the lower instalment number goes first; nothing to pay gives no lines', ({ assert }) => {
    const a = instalment(4, '2026-05-01', { principal: 10n })
    const b = instalment(3, '2026-05-01', { principal: 10n })
    assert.deepEqual(allocateRepayment(10n, [a, b]).lines.map((l) => l.number), [3])
    assert.deepEqual(allocateRepayment(0n, [a, b]), {
      lines: [], totals: { penalty: 0n, fee: 0n, interest: 0n, principal: 0n, total: 0n }, unallocated: 0n,
    })
    assert.equal(allocateRepayment(7n, []).unallocated, 7n)
  })

  test('refuses a negative amount or a negative outstanding component', ({ assert }) => {
    assert.throws(() => allocateRepayment(-1n, [first]), InvalidAllocationError)
    assert.throws(() => allocateRepayment(1n, [instalment(1, '2026-01-01', { fee: -1n })]), InvalidAllocationError)
  })

  test('property: never more than outstanding per component, and allocations + remainder = amount exactly', () => {
    const amount = fc.bigInt(0n, 1_000_000n)
    const component = fc.bigInt(0n, 100_000n)
    const instalments = fc.array(
      fc.record({ number: fc.nat(50), dueDate: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'), penalty: component, fee: component, interest: component, principal: component }),
      { maxLength: 8 }
    )
    const order = fc.shuffledSubarray([...COMPONENTS], { minLength: 4, maxLength: 4 })
    fc.assert(
      fc.property(amount, instalments, order, (paid, due, chosen) => {
        const result = allocateRepayment(paid, due, chosen)
        const outstanding = due.reduce((sum, i) => sum + i.penalty + i.fee + i.interest + i.principal, 0n)
        const lines = result.lines.reduce((sum, l) => sum + l.total, 0n)
        if (lines !== result.totals.total || result.totals.total + result.unallocated !== paid) throw new Error('sums differ')
        if (result.unallocated > 0n && result.totals.total !== outstanding) throw new Error('left money unallocated while something was owed')
        for (const c of COMPONENTS) {
          const owed = due.reduce((sum, i) => sum + i[c], 0n)
          if (result.totals[c] > owed || result.totals[c] < 0n) throw new Error(`over-allocated ${c}`)
        }
      }),
      { numRuns: 500 }
    )
  })
})

test.group('Loan allocation order', () => {
  test('accepts any permutation of the four components, as a list or a comma-separated string', ({ assert }) => {
    assert.deepEqual(parseAllocationOrder('fee, penalty,interest,principal'), ['fee', 'penalty', 'interest', 'principal'])
    assert.deepEqual(parseAllocationOrder(['principal', 'interest', 'fee', 'penalty']), ['principal', 'interest', 'fee', 'penalty'])
    assert.isTrue(isAllocationOrder(['interest', 'principal', 'penalty', 'fee']))
  })

  test('refuses a missing, repeated or unknown component', ({ assert }) => {
    assert.throws(() => parseAllocationOrder(['penalty', 'fee', 'interest']), InvalidAllocationOrderError)
    assert.throws(() => parseAllocationOrder(['penalty', 'fee', 'interest', 'interest']), InvalidAllocationOrderError)
    assert.throws(() => parseAllocationOrder('penalty,fee,interest,capital'), /Unknown component/)
    assert.throws(() => parseAllocationOrder(42), InvalidAllocationOrderError)
    assert.isFalse(isAllocationOrder(['penalty', 'fee', 'interest', 'principal', 'penalty']))
    assert.throws(() => allocateRepayment(1n, [], ['fee'] as never), InvalidAllocationOrderError)
  })
})
