import { test } from '@japa/runner'
import { generateAccountNumber, isValidAccountNumber, luhnCheckDigit } from '#domain/ledger/account_number'
import { idempotencyScope, requestHash } from '#domain/ledger/request_hash'
import { toTransactionRecord } from '#domain/ledger/records'

test.group('Ledger rules', () => {
  test('account numbers are SR + 10 digits with a Luhn check digit', ({ assert }) => {
    assert.equal(luhnCheckDigit('7992739871'), '3')
    for (let i = 0; i < 50; i++) {
      const number = generateAccountNumber()
      assert.match(number, /^SR\d{10}$/)
      assert.isTrue(isValidAccountNumber(number))
    }
    assert.isFalse(isValidAccountNumber('SR1234567890'))
  })

  test('request hashes ignore key order and tell different requests apart', ({ assert }) => {
    const a = requestHash({ amount: 100n, to: 'SR1', reference: undefined })
    const b = requestHash({ reference: null, to: 'SR1', amount: 100n })
    assert.equal(a, b)
    assert.match(a, /^[0-9a-f]{64}$/)
    assert.notEqual(a, requestHash({ amount: 101n, to: 'SR1', reference: null }))
  })

  test('idempotency scopes are per caller', ({ assert }) => {
    assert.equal(idempotencyScope({ type: 'customer', id: 12 }), 'customer:12')
    assert.notEqual(idempotencyScope({ type: 'staff', id: 12 }), 'customer:12')
  })

  test('maps posting results to records with Money amounts', ({ assert }) => {
    const record = toTransactionRecord({
      id: 7, kind: 'transfer', debtor_account_id: 1, creditor_account_id: 2, amount: '9007199254740993',
      currency: 'GBP', reference: null, reverses_id: null, booked_at: '2026-01-02T03:04:05.123456Z',
    })
    assert.equal(record.amount.minor, 9007199254740993n)
    assert.equal(record.createdAt.toISO(), '2026-01-02T03:04:05.123Z')
  })
})
