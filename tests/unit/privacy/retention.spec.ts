import { test } from '@japa/runner'
import { addYears, relationshipEndedAt, retentionState, type RelationshipFacts } from '#domain/privacy/retention'

const facts = (overrides: Partial<RelationshipFacts> = {}): RelationshipFacts => ({
  customerStatus: 'active',
  customerClosedAt: null,
  customerCreatedAt: new Date('2015-01-10T09:00:00Z'),
  openAccounts: 0,
  lastAccountClosedAt: null,
  openLoans: 0,
  lastLoanClosedAt: null,
  ...overrides,
})
const NOW = new Date('2026-12-04T12:00:00Z')

test.group('Privacy retention rule', () => {
  test('an open account or loan keeps the relationship active: retained, no execution date', ({ assert }) => {
    for (const open of [{ openAccounts: 1 }, { openLoans: 1, lastAccountClosedAt: new Date('2018-01-01T00:00:00Z') }]) {
      const state = retentionState(facts(open), 5, NOW)
      assert.equal(state.kind, 'active')
      assert.isNull(state.executeAfter)
      assert.equal(state.reason, 'Retained: the relationship is still active (an account or loan is open).')
    }
  })

  test('the relationship ends when the last account or loan closed; kept N years after', ({ assert }) => {
    const state = retentionState(
      facts({ lastAccountClosedAt: new Date('2024-03-01T10:00:00Z'), lastLoanClosedAt: new Date('2025-06-30T08:00:00Z') }),
      5,
      NOW
    )
    assert.equal(state.kind, 'retained')
    assert.equal(state.relationshipEndedAt!.toISOString(), '2025-06-30T08:00:00.000Z')
    assert.equal(state.executeAfter!.toISOString(), '2030-06-30T08:00:00.000Z')
    assert.equal(
      state.reason,
      'Retained until 2030-06-30: records must be kept 5 years after the relationship ended on 2025-06-30.'
    )
  })

  test('past the retention period the request is due', ({ assert }) => {
    const state = retentionState(facts({ lastAccountClosedAt: new Date('2020-01-01T00:00:00Z') }), 5, NOW)
    assert.equal(state.kind, 'due')
    assert.equal(state.executeAfter!.toISOString(), '2025-01-01T00:00:00.000Z')
    assert.equal(retentionState(facts({ lastAccountClosedAt: new Date('2026-12-04T11:00:00Z') }), 0, NOW).kind, 'due')
  })

  test('a closed customer ends the relationship even with an account left open; a prospect at creation', ({ assert }) => {
    const closedAt = new Date('2023-05-05T00:00:00Z')
    assert.equal(relationshipEndedAt(facts({ customerStatus: 'closed', customerClosedAt: closedAt, openAccounts: 1 }))!.getTime(), closedAt.getTime())
    assert.equal(relationshipEndedAt(facts())!.toISOString(), '2015-01-10T09:00:00.000Z')
  })

  test('years are calendar years in UTC; 29 February falls back to 28 February', ({ assert }) => {
    assert.equal(addYears(new Date('2024-02-29T12:00:00Z'), 5).toISOString(), '2029-02-28T12:00:00.000Z')
    assert.equal(addYears(new Date('2024-02-29T12:00:00Z'), 4).toISOString(), '2028-02-29T12:00:00.000Z')
  })

  test('a negative or fractional retention period is refused', ({ assert }) => {
    assert.throws(() => retentionState(facts(), -1, NOW), /whole number/)
    assert.throws(() => retentionState(facts(), 2.5, NOW), /whole number/)
  })
})
