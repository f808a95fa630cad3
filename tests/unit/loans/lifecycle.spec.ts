import { test } from '@japa/runner'
import {
  LOAN_STATES,
  LOAN_TRANSITIONS,
  LoanTransitionRefusedError,
  assertTransition,
  canTransition,
  isFinalState,
  type LoanState,
} from '#domain/loans/lifecycle'

const ALLOWED: [LoanState, LoanState][] = [
  ['submitted', 'under_review'],
  ['submitted', 'withdrawn'],
  ['under_review', 'approved'],
  ['under_review', 'rejected'],
  ['under_review', 'withdrawn'],
  ['approved', 'disbursed'],
  ['approved', 'withdrawn'],
  ['disbursed', 'active'],
  ['active', 'in_arrears'],
  ['active', 'paid_off'],
  ['active', 'written_off'],
  ['in_arrears', 'active'],
  ['in_arrears', 'paid_off'],
  ['in_arrears', 'written_off'],
]

test.group('Loan lifecycle', () => {
  test('exactly the 14 documented transitions are allowed', ({ assert }) => {
    const table = LOAN_STATES.flatMap((from) => LOAN_TRANSITIONS[from].map((to) => `${from}>${to}`))
    assert.sameMembers(table, ALLOWED.map(([from, to]) => `${from}>${to}`))
    for (const [from, to] of ALLOWED) {
      assert.isTrue(canTransition(from, to))
      assert.doesNotThrow(() => assertTransition(from, to))
    }
  })

  test('every other pair of states, including staying put, is refused with E_LOAN_TRANSITION_REFUSED', ({ assert }) => {
    const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`))
    let refused = 0
    for (const from of LOAN_STATES) {
      for (const to of LOAN_STATES) {
        if (allowed.has(`${from}>${to}`)) continue
        refused++
        assert.isFalse(canTransition(from, to), `${from} → ${to}`)
        try {
          assertTransition(from, to)
          assert.fail(`${from} → ${to} was allowed`)
        } catch (error) {
          assert.instanceOf(error, LoanTransitionRefusedError)
          assert.equal((error as LoanTransitionRefusedError).code, 'E_LOAN_TRANSITION_REFUSED')
          assert.deepInclude(error, { from, to })
        }
      }
    }
    assert.equal(refused, 100 - 14)
  })

  test('the refusal says what happened in plain words', ({ assert }) => {
    assert.throws(() => assertTransition('rejected', 'approved'), 'A rejected application cannot be approved')
    assert.throws(() => assertTransition('disbursed', 'withdrawn'), 'A disbursed loan cannot be withdrawn')
    assert.throws(() => assertTransition('paid_off', 'in_arrears'), 'A paid-off loan cannot be put in arrears')
  })

  test('the customer may withdraw until disbursement, never after', ({ assert }) => {
    assert.deepEqual(LOAN_STATES.filter((s) => canTransition(s, 'withdrawn')), ['submitted', 'under_review', 'approved'])
  })

  test('rejected, withdrawn, paid off and written off are final; unknown states are refused', ({ assert }) => {
    assert.deepEqual(LOAN_STATES.filter(isFinalState), ['rejected', 'withdrawn', 'paid_off', 'written_off'])
    assert.isFalse(canTransition('draft' as LoanState, 'submitted'))
    assert.throws(() => assertTransition('active', 'closed' as LoanState), /Unknown loan state/)
  })
})
