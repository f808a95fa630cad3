import { test } from '@japa/runner'
import { demoCustomer } from '#database/demo/demo_bank'
import {
  demoHistory,
  FULL_HISTORY_CUSTOMERS,
  groupOf,
  HISTORY_DAYS,
  historyInstant,
  joinDay,
} from '#database/demo/demo_history'
import { demoFreezes } from '#database/demo/demo_casework'

const people = Array.from({ length: 60 }, (_, i) => demoCustomer(i + 1))

test.group('Demo history plan', () => {
  test('gives the same postings and keys for the same customer on every run', ({ assert }) => {
    assert.deepEqual(demoHistory(demoCustomer(12)), demoHistory(demoCustomer(12)))
    const keys = people.flatMap((p) => demoHistory(p).map((x) => x.key))
    assert.equal(new Set(keys).size, keys.length, 'keys are unique')
  })

  test('never lets a debit exceed what the account itself received before it', ({ assert }) => {
    for (const person of people) {
      const balance = { current: 0n, savings: 0n }
      for (const p of demoHistory(person)) {
        if (p.kind === 'deposit') balance[p.account] += p.amount
        else {
          balance[p.account] -= p.amount
          assert.isAtLeast(Number(balance[p.account]), 0, `${p.key} overdraws`)
          if (p.to?.customer === person.index) balance[p.to.account] += p.amount
        }
      }
    }
  })

  test('pays only group-mates with a lower index who had already joined', ({ assert }) => {
    for (const person of people) {
      for (const p of demoHistory(person).filter((x) => x.kind === 'transfer' && x.to!.customer !== person.index)) {
        assert.isBelow(p.to!.customer, person.index)
        assert.equal(groupOf(p.to!.customer), groupOf(person.index))
        assert.isBelow(joinDay(p.to!.customer), p.day)
      }
    }
  })

  test('keeps everything inside the 90 days, from the join day, in time order', ({ assert }) => {
    for (const person of people) {
      const plan = demoHistory(person)
      assert.equal(plan[0].category, 'opening')
      assert.equal(plan[0].day, joinDay(person.index))
      for (let i = 1; i < plan.length; i++) {
        assert.isAtLeast(plan[i].day * 1440 + plan[i].minute, plan[i - 1].day * 1440 + plan[i - 1].minute)
      }
      assert.isTrue(plan.every((p) => p.day >= 0 && p.day < HISTORY_DAYS && p.minute >= 0 && p.minute < 1440))
    }
    const today = new Date('2026-03-10T15:00:00Z')
    assert.equal(historyInstant(today, HISTORY_DAYS - 1, 0).toISOString(), '2026-03-09T00:00:00.000Z')
    assert.equal(historyInstant(today, 0, 61).toISOString(), '2025-12-10T01:01:00.000Z')
  })

  test('moves money out only for verified customers; rejected and benchmark-size customers get their openings only', ({ assert }) => {
    for (const person of people.filter((p) => p.kycStatus !== 'verified')) {
      assert.isTrue(demoHistory(person).every((p) => p.kind === 'deposit'), person.customerNumber)
    }
    assert.lengthOf(demoHistory(demoCustomer(6)), 2)
    assert.lengthOf(demoHistory(demoCustomer(FULL_HISTORY_CUSTOMERS + 1)), 2)
    const categories = new Set(people.flatMap((p) => demoHistory(p).map((x) => x.category)))
    for (const c of ['salary', 'card', 'cash', 'savings', 'rent', 'friend', 'large_in', 'large_out']) {
      assert.isTrue(categories.has(c as any), c)
    }
  })

  test('freezes the rejected customers and a few savings accounts', ({ assert }) => {
    assert.deepEqual(
      demoFreezes(20).map((f) => `${f.customer}:${f.account}`),
      ['6:current', '6:savings', '8:savings', '17:current', '17:savings', '18:savings']
    )
  })
})
