import { test } from '@japa/runner'
import { humanizeKey, payloadLines } from '#domain/approvals/payload_display'

test.group('Approval payload display', () => {
  test('labels keys in words, camelCase and snake_case alike', ({ assert }) => {
    assert.equal(humanizeKey('destination_account_id'), 'Destination account id')
    assert.equal(humanizeKey('fromRole'), 'From role')
  })

  test('shows minor-unit amounts next to a currency as decimals, exactly', ({ assert }) => {
    assert.deepEqual(payloadLines({ accountId: 7, amountMinor: '1234567890123456789', currency: 'GBP' }), [
      { label: 'Account id', value: '7' },
      { label: 'Amount minor', value: '12345678901234567.89 GBP' },
      { label: 'Currency', value: 'GBP' },
    ])
    assert.deepEqual(payloadLines({ amount: '5', currency: 'KWD' })[0], { label: 'Amount', value: '0.005 KWD' })
    assert.deepEqual(payloadLines({ amount: '5' })[0], { label: 'Amount', value: '5' }, 'no currency: left as is')
  })

  test('flattens nested objects and renders null, booleans and lists', ({ assert }) => {
    assert.deepEqual(payloadLines({ target: { staffId: 3 }, force: false, note: null, tags: ['a', 'b'] }), [
      { label: 'Target › Staff id', value: '3' },
      { label: 'Force', value: 'no' },
      { label: 'Note', value: '—' },
      { label: 'Tags', value: 'a, b' },
    ])
  })

  test('shows a staff invitation with the role label, so the checker sees who gets which power', ({ assert }) => {
    assert.deepEqual(payloadLines({ email: 'nora@bank.test', fullName: 'Nora New', role: 'admin' }), [
      { label: 'Email', value: 'nora@bank.test' },
      { label: 'Full name', value: 'Nora New' },
      { label: 'Role', value: 'Administrator (admin)' },
    ])
    assert.deepEqual(payloadLines({ fromRole: 'teller', toRole: 'loan_officer' }), [
      { label: 'From role', value: 'Teller (teller)' },
      { label: 'To role', value: 'Loan officer (loan_officer)' },
    ])
    assert.deepEqual(payloadLines({ role: 'superuser' })[0], { label: 'Role', value: 'superuser' }, 'unknown: left as is')
  })
})
