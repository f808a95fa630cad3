import { test } from '@japa/runner'
import {
  CHANNELS,
  NOTIFICATION_EVENTS,
  NOTIFICATION_EVENT_NAMES,
  InvalidNotificationDataError,
  NOTE_MAX_LENGTH,
  checkEventData,
  eventDefinition,
  notificationText,
} from '#domain/notifications/events'
import { accountEnding, formatAmount, formatUtc } from '#domain/notifications/format'
import { deviceHash } from '#domain/notifications/device'

test.group('Notifications: amounts and values in texts', () => {
  test('formats minor units exactly per currency exponent, with thousands separators', ({ assert }) => {
    assert.equal(formatAmount('123456', 'GBP'), 'GBP 1,234.56')
    assert.equal(formatAmount('5', 'GBP'), 'GBP 0.05')
    assert.equal(formatAmount('0', 'EUR'), 'EUR 0.00')
    assert.equal(formatAmount('1200', 'JPY'), 'JPY 1,200')
    assert.equal(formatAmount('250', 'KWD'), 'KWD 0.250')
    assert.equal(formatAmount('-100000', 'USD'), 'USD -1,000.00')
  })

  test('never goes through a float: amounts beyond 2^53 stay exact', ({ assert }) => {
    assert.equal(formatAmount('9007199254740993', 'GBP'), 'GBP 90,071,992,547,409.93')
    assert.equal(formatAmount('9223372036854775807', 'JPY'), 'JPY 9,223,372,036,854,775,807')
  })

  test('refuses non-integer minor units and unknown currencies', ({ assert }) => {
    assert.throws(() => formatAmount('12.5', 'GBP'))
    assert.throws(() => formatAmount('100', 'XXX'))
  })

  test('shows the last four characters of an account number and instants in UTC', ({ assert }) => {
    assert.equal(accountEnding('SR1234567890'), '7890')
    assert.equal(formatUtc('2026-03-04T14:05:59.999Z'), '2026-03-04 14:05 UTC')
    assert.equal(formatUtc('2026-03-04T15:05:00+01:00'), '2026-03-04 14:05 UTC')
  })

  test('device hashes are keyed: another key, IP or user agent gives another hash', ({ assert }) => {
    const key = Buffer.alloc(32, 1)
    const hash = deviceHash(key, '10.0.0.1', 'Firefox')
    assert.match(hash, /^[0-9a-f]{64}$/)
    assert.equal(deviceHash(key, '10.0.0.1', 'Firefox'), hash)
    assert.notEqual(deviceHash(Buffer.alloc(32, 2), '10.0.0.1', 'Firefox'), hash)
    assert.notEqual(deviceHash(key, '10.0.0.2', 'Firefox'), hash)
    assert.notEqual(deviceHash(key, '10.0.0.1', 'Chrome'), hash)
  })
})

test.group('Notifications: the event catalogue', () => {
  test('has every event issue 9 asks for', ({ assert }) => {
    assert.includeMembers(NOTIFICATION_EVENT_NAMES, [
      'money_received', 'money_sent', 'large_withdrawal', 'hold_placed', 'hold_released', 'account_frozen',
      'account_unfrozen', 'new_device_sign_in', 'two_factor_changed', 'password_changed', 'payment_limit_changed',
    ])
  })

  test('security notices are exactly new device, two-factor and password changes, on for both channels', ({ assert }) => {
    const security = NOTIFICATION_EVENT_NAMES.filter((event) => eventDefinition(event).security)
    assert.sameMembers(security, ['new_device_sign_in', 'two_factor_changed', 'password_changed'])
    for (const event of security) assert.deepEqual(eventDefinition(event).defaults, { in_app: true, mail: true })
  })

  test('every event has a label, a default for each channel and texts within limits', ({ assert }) => {
    const sample: Record<string, string> = {
      minor: '99999999999', currency: 'KWD', ending: 'ABCD', instant: '2026-12-31T23:59:59Z', ip: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
      date: '2026-12-31', count: '999999999999999', note: 'n'.repeat(NOTE_MAX_LENGTH),
    }
    for (const [event, definition] of Object.entries(NOTIFICATION_EVENTS)) {
      assert.isAbove(definition.label.length, 3, event)
      assert.sameMembers(Object.keys(definition.defaults), [...CHANNELS], event)
      const data = Object.fromEntries(
        Object.entries(definition.fields as Record<string, unknown>).map(([name, kind]) => [name, Array.isArray(kind) ? kind[0] : sample[kind as string]])
      )
      const text = notificationText(event, data)
      assert.isAtMost(text.title.length, 100, event)
      assert.isAtMost(text.body.length, 400, event)
    }
  })

  test('data is checked: missing, extra and malformed fields are named', ({ assert }) => {
    assert.deepEqual(checkEventData('money_received', { amountMinor: '100', currency: 'GBP', accountEnding: '7890' }), [])
    assert.deepEqual(checkEventData('money_received', { amountMinor: '1.00', currency: 'GBP' }), [
      'amountMinor must be a non-negative integer of minor units',
      'accountEnding is missing',
    ])
    assert.deepEqual(checkEventData('account_frozen', { accountEnding: '7890', reason: 'suspected fraud' }), [
      'reason is not a field of account_frozen',
    ])
    assert.deepEqual(checkEventData('two_factor_changed', { change: 'stolen', changedAt: '2026-01-01T00:00:00Z' }), [
      'change must be one of enabled, disabled, reset',
    ])
    assert.deepEqual(checkEventData('password_changed', { changedAt: 'yesterday' }), ['changedAt must be an ISO 8601 instant'])
    assert.deepEqual(checkEventData('loan_eaten', {}), ['unknown notification event "loan_eaten"'])
    assert.deepEqual(checkEventData('money_sent', { amountMinor: 100, currency: 'GBP', accountEnding: '7890' }), [
      'amountMinor must be a string',
    ])
  })

  test('building a text from bad data throws a coded error', ({ assert }) => {
    assert.throws(() => notificationText('money_sent', {}), InvalidNotificationDataError)
  })
})

test.group('Notifications: titles and bodies', () => {
  const movement = { amountMinor: '1234567', currency: 'GBP', accountEnding: '7890' }

  test('money received and sent', ({ assert }) => {
    assert.deepEqual(notificationText('money_received', movement), {
      title: 'Money received: GBP 12,345.67',
      body: 'GBP 12,345.67 was paid into your account ending 7890.',
    })
    assert.deepEqual(notificationText('money_sent', { ...movement, currency: 'JPY', amountMinor: '5000' }), {
      title: 'Payment sent: JPY 5,000',
      body: 'JPY 5,000 was paid from your account ending 7890.',
    })
  })

  test('large withdrawal asks the customer to contact the bank if it was not them', ({ assert }) => {
    const text = notificationText('large_withdrawal', movement)
    assert.equal(text.title, 'Large withdrawal: GBP 12,345.67')
    assert.include(text.body, 'was withdrawn from your account ending 7890')
    assert.include(text.body, 'contact us at once')
  })

  test('holds placed and released', ({ assert }) => {
    assert.equal(notificationText('hold_placed', movement).title, 'Amount on hold: GBP 12,345.67')
    assert.include(notificationText('hold_released', movement).body, 'The hold of GBP 12,345.67 on your account ending 7890 was released')
  })

  test('account frozen and unfrozen name only the account ending', ({ assert }) => {
    assert.deepEqual(notificationText('account_frozen', { accountEnding: '7890' }), {
      title: 'Account frozen',
      body: 'Your account ending 7890 is frozen: payments out of it are blocked; incoming payments still arrive. Contact us if you have questions.',
    })
    assert.equal(notificationText('account_unfrozen', { accountEnding: '7890' }).title, 'Account active again')
  })

  test('payment limits show both new limits in the currency', ({ assert }) => {
    assert.equal(
      notificationText('payment_limit_changed', { currency: 'KWD', singleMinor: '1000500', dailyMinor: '5000000' }).body,
      'Your payment limits in KWD are now KWD 1,000.500 per payment and KWD 5,000.000 per day.'
    )
  })

  test('security notices: new device, two-factor and password', ({ assert }) => {
    assert.equal(
      notificationText('new_device_sign_in', { ip: '203.0.113.9', signedInAt: '2026-03-04T14:05:00Z' }).body,
      'Your Strongroom account was signed in to from a device we had not seen before (IP address 203.0.113.9) on 2026-03-04 14:05 UTC. If this was not you, contact us at once.'
    )
    assert.include(notificationText('two_factor_changed', { change: 'disabled', changedAt: '2026-03-04T14:05:00Z' }).body, 'was turned off on 2026-03-04 14:05 UTC')
    assert.include(notificationText('two_factor_changed', { change: 'reset', changedAt: '2026-03-04T14:05:00Z' }).body, 'was reset on')
    assert.equal(notificationText('password_changed', { changedAt: '2026-03-04T14:05:00Z' }).title, 'Your password was changed')
  })
})
