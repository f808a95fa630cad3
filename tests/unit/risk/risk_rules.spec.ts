import { test } from '@japa/runner'
import { Money } from '#domain/money/money'
import { emptyFacts, type RiskEvent, type RiskEventKind, type RiskFacts } from '#domain/risk/risk_event'
import { DEFAULT_RISK_CONFIGURATION } from '#domain/risk/risk_configuration'
import {
  amountVsPattern,
  dormantReactivated,
  newPayeeLarge,
  rapidInOut,
  structuring,
  velocity,
} from '#domain/risk/money_rules'
import { failedLoginBurst, newDeviceLargePayment } from '#domain/risk/access_rules'

const AT = new Date('2026-03-02T12:00:00Z')
const DAY = 86_400_000
const rules = DEFAULT_RISK_CONFIGURATION.rules

function event(kind: RiskEventKind, amount: string | null, currency = 'GBP', extra: Partial<RiskEvent> = {}): RiskEvent {
  return {
    kind,
    at: AT,
    customerId: 1,
    accountId: kind.startsWith('login') || kind === 'token_issued' ? null : 10,
    amount: amount === null ? null : Money.fromDecimal(amount, currency),
    payeeAccountId: kind === 'payment' ? 20 : null,
    channel: kind === 'deposit' || kind === 'withdrawal' ? 'teller' : 'api',
    ...extra,
  }
}

function facts(overrides: Partial<RiskFacts>): RiskFacts {
  return { ...emptyFacts(), ...overrides }
}

const ago = (ms: number) => new Date(AT.getTime() - ms)

test.group('Risk rule: velocity (10 minutes, medium: more than 5 or above 5000.00; high: more than 10 or above 20000.00)', () => {
  const p = rules.velocity.params

  test('the 5th payment in the window is quiet, the 6th is medium, the 11th high', ({ assert }) => {
    const pay = event('payment', '10.00')
    assert.equal(velocity(pay, facts({ velocity: { count: 4, total: 4000n } }), p).band, 'none')
    const sixth = velocity(pay, facts({ velocity: { count: 5, total: 5000n } }), p)
    assert.equal(sixth.band, 'medium')
    assert.deepEqual(sixth.reasons, ['6 outgoing payments in 10 minutes (limit 5)'])
    assert.equal(velocity(pay, facts({ velocity: { count: 9, total: 1n } }), p).band, 'medium')
    const eleventh = velocity(pay, facts({ velocity: { count: 10, total: 1n } }), p)
    assert.equal(eleventh.band, 'high')
    assert.deepEqual(eleventh.reasons, ['11 outgoing payments in 10 minutes (limit 10)'])
  })

  test('a total of exactly 5000.00 is quiet, one penny more is medium; above 20000.00 high', ({ assert }) => {
    const pay = event('withdrawal', '1000.00')
    assert.equal(velocity(pay, facts({ velocity: { count: 1, total: 400_000n } }), p).band, 'none')
    const over = velocity(pay, facts({ velocity: { count: 1, total: 400_001n } }), p)
    assert.equal(over.band, 'medium')
    assert.deepEqual(over.reasons, ['5000.01 GBP sent in 10 minutes (limit 5000.00 GBP)'])
    assert.equal(velocity(pay, facts({ velocity: { count: 1, total: 1_900_000n } }), p).band, 'medium')
    assert.equal(velocity(pay, facts({ velocity: { count: 1, total: 1_900_001n } }), p).band, 'high')
  })

  test('thresholds follow the currency: 5000 JPY has no decimals', ({ assert }) => {
    const pay = event('payment', '1000', 'JPY')
    assert.equal(velocity(pay, facts({ velocity: { count: 0, total: 4000n } }), p).band, 'none')
    assert.equal(velocity(pay, facts({ velocity: { count: 0, total: 4001n } }), p).band, 'medium')
  })

  test('looks at money out only', ({ assert }) => {
    const busy = facts({ velocity: { count: 50, total: 10_000_000n } })
    assert.equal(velocity(event('deposit', '10.00'), busy, p).band, 'none')
    assert.equal(velocity(event('login', null), busy, p).band, 'none')
  })
})

test.group('Risk rule: amount vs pattern (5+ past payments; above 1000.00; > 5 × / 10 × the mean; above the max)', () => {
  const p = rules.amount_vs_pattern.params
  const usual = facts({ pattern: { count: 20, mean: 30_000n, max: 60_000n } })

  test('exactly 5 × the mean is quiet, a penny more is medium; exactly 10 × medium, a penny more high', ({ assert }) => {
    assert.equal(amountVsPattern(event('payment', '1500.00'), usual, p).band, 'none')
    const medium = amountVsPattern(event('payment', '1500.01'), usual, p)
    assert.equal(medium.band, 'medium')
    assert.equal(medium.reasons[0], '1500.01 GBP is 5.0× the 90-day average of 300.00 GBP over 20 payments (limit 5×)')
    assert.equal(amountVsPattern(event('payment', '3000.00'), usual, p).band, 'medium')
    const high = amountVsPattern(event('withdrawal', '3000.01'), usual, p)
    assert.equal(high.band, 'high')
    assert.include(high.reasons[0], '(limit 10×)')
  })

  test('not above what the customer already sent: quiet', ({ assert }) => {
    const bigBefore = facts({ pattern: { count: 20, mean: 30_000n, max: 300_001n } })
    assert.equal(amountVsPattern(event('payment', '3000.01'), bigBefore, p).band, 'none')
    const justAbove = facts({ pattern: { count: 20, mean: 30_000n, max: 300_000n } })
    assert.equal(amountVsPattern(event('payment', '3000.01'), justAbove, p).band, 'high')
  })

  test('no pattern yet (4 past payments) is quiet, 5 are enough', ({ assert }) => {
    const four = facts({ pattern: { count: 4, mean: 100n, max: 100n } })
    const five = facts({ pattern: { count: 5, mean: 100n, max: 100n } })
    assert.equal(amountVsPattern(event('payment', '5000.00'), four, p).band, 'none')
    assert.equal(amountVsPattern(event('payment', '5000.00'), five, p).band, 'high')
  })

  test('amounts up to 1000.00 never fire, however small the average', ({ assert }) => {
    const tiny = facts({ pattern: { count: 50, mean: 100n, max: 100n } })
    assert.equal(amountVsPattern(event('payment', '1000.00'), tiny, p).band, 'none')
    assert.equal(amountVsPattern(event('payment', '1000.01'), tiny, p).band, 'high')
  })
})

test.group('Risk rule: structuring (7 days; [0.8 × 10000.00, 10000.00); medium: more than 2, high: more than 4)', () => {
  const p = rules.structuring.params

  test('the 2nd near-threshold deposit is quiet, the 3rd medium, the 5th high', ({ assert }) => {
    const deposit = event('deposit', '9500.00')
    assert.equal(structuring(deposit, facts({ nearThreshold: [900_000n] }), p).band, 'none')
    const third = structuring(deposit, facts({ nearThreshold: [900_000n, 950_000n] }), p)
    assert.equal(third.band, 'medium')
    assert.deepEqual(third.reasons, [
      '3 cash deposits or withdrawals between 8000.00 GBP and 10000.00 GBP (just below the threshold) in 7 days (limit 2)',
      'Together 28000.00 GBP',
    ])
    assert.equal(structuring(deposit, facts({ nearThreshold: [1n, 2n, 3n] }), p).band, 'medium')
    assert.equal(structuring(event('withdrawal', '9500.00'), facts({ nearThreshold: [1n, 2n, 3n, 4n] }), p).band, 'high')
  })

  test('the event itself must be just below the threshold: 7999.99 and 10000.00 are not, 8000.00 and 9999.99 are', ({ assert }) => {
    const history = facts({ nearThreshold: [900_000n, 900_000n] })
    assert.equal(structuring(event('deposit', '7999.99'), history, p).band, 'none')
    assert.equal(structuring(event('deposit', '8000.00'), history, p).band, 'medium')
    assert.equal(structuring(event('deposit', '9999.99'), history, p).band, 'medium')
    assert.equal(structuring(event('deposit', '10000.00'), history, p).band, 'none')
  })

  test('payments are not cash: quiet', ({ assert }) => {
    assert.equal(structuring(event('payment', '9500.00'), facts({ nearThreshold: [1n, 2n, 3n, 4n] }), p).band, 'none')
  })
})

test.group('Risk rule: new payee, large amount (new for 1 day; medium above 2000.00, high above 10000.00)', () => {
  const p = rules.new_payee_large.params

  test('2000.00 to a never-paid payee is quiet, 2000.01 medium, 10000.01 high', ({ assert }) => {
    const never = facts({ payeeFirstPaidAt: null })
    assert.equal(newPayeeLarge(event('payment', '2000.00'), never, p).band, 'none')
    const medium = newPayeeLarge(event('payment', '2000.01'), never, p)
    assert.equal(medium.band, 'medium')
    assert.deepEqual(medium.reasons, ['2000.01 GBP to a payee never paid before (limit 2000.00 GBP)'])
    assert.equal(newPayeeLarge(event('payment', '10000.00'), never, p).band, 'medium')
    assert.equal(newPayeeLarge(event('payment', '10000.01'), never, p).band, 'high')
  })

  test('a payee first paid less than a day ago is still new, a day ago is known', ({ assert }) => {
    const pay = event('payment', '5000.00')
    assert.equal(newPayeeLarge(pay, facts({ payeeFirstPaidAt: ago(DAY - 1) }), p).band, 'medium')
    assert.equal(newPayeeLarge(pay, facts({ payeeFirstPaidAt: ago(DAY) }), p).band, 'none')
  })

  test('withdrawals and payments without a known payee account are quiet', ({ assert }) => {
    assert.equal(newPayeeLarge(event('withdrawal', '50000.00'), emptyFacts(), p).band, 'none')
    assert.equal(newPayeeLarge(event('payment', '50000.00', 'GBP', { payeeAccountId: null }), emptyFacts(), p).band, 'none')
  })
})

test.group('Risk rule: dormant account reactivated (idle more than 180 days; high above 1000.00 out)', () => {
  const p = rules.dormant_reactivated.params

  test('idle exactly 180 days is quiet, a moment more fires', ({ assert }) => {
    assert.equal(dormantReactivated(event('payment', '50.00'), facts({ lastActivityAt: ago(180 * DAY) }), p).band, 'none')
    const fired = dormantReactivated(event('payment', '50.00'), facts({ lastActivityAt: ago(180 * DAY + 1) }), p)
    assert.equal(fired.band, 'medium')
    assert.deepEqual(fired.reasons, ['50.00 GBP out of an account idle for 180 days (dormant after 180)'])
  })

  test('money out of a dormant account: medium up to 1000.00, high above; a deposit into it is low', ({ assert }) => {
    const dormant = facts({ lastActivityAt: ago(400 * DAY) })
    assert.equal(dormantReactivated(event('withdrawal', '1000.00'), dormant, p).band, 'medium')
    assert.equal(dormantReactivated(event('withdrawal', '1000.01'), dormant, p).band, 'high')
    assert.equal(dormantReactivated(event('deposit', '50000.00'), dormant, p).band, 'low')
  })

  test('an account that never moved money is new, not dormant; logins are not looked at', ({ assert }) => {
    assert.equal(dormantReactivated(event('payment', '5000.00'), facts({ lastActivityAt: null }), p).band, 'none')
    assert.equal(dormantReactivated(event('login', null), facts({ lastActivityAt: ago(400 * DAY) }), p).band, 'none')
  })
})

test.group('Risk rule: rapid in and out (60 minutes; receipts above 1000.00; more than 50 % / 90 % passed on)', () => {
  const p = rules.rapid_in_out.params
  const received = facts({ receivedInWindow: 200_000n })

  test('sending on exactly half is quiet, a penny more medium; exactly 90 % medium, a penny more high', ({ assert }) => {
    assert.equal(rapidInOut(event('payment', '1000.00'), received, p).band, 'none')
    assert.equal(rapidInOut(event('payment', '1000.01'), received, p).band, 'medium')
    assert.equal(rapidInOut(event('payment', '1800.00'), received, p).band, 'medium')
    const high = rapidInOut(event('withdrawal', '1800.01'), received, p)
    assert.equal(high.band, 'high')
    assert.deepEqual(high.reasons, [
      '1800.01 GBP sent within 60 minutes of receiving 2000.00 GBP (90.0% passed on; limit 90%)',
    ])
  })

  test('receipts of exactly 1000.00 are ignored, 1000.01 count', ({ assert }) => {
    const pay = event('payment', '1000.00')
    assert.equal(rapidInOut(pay, facts({ receivedInWindow: 100_000n }), p).band, 'none')
    assert.equal(rapidInOut(pay, facts({ receivedInWindow: 100_001n }), p).band, 'high')
  })

  test('deposits are not money out', ({ assert }) => {
    assert.equal(rapidInOut(event('deposit', '5000.00'), received, p).band, 'none')
  })
})

test.group('Risk rule: failed login burst (15 minutes; medium: more than 5, high: more than 10)', () => {
  const p = rules.failed_login_burst.params

  test('the 5th failure is quiet, the 6th medium, the 11th high (the failure itself counted)', ({ assert }) => {
    assert.equal(failedLoginBurst(event('login_failed', null), facts({ failedLogins: 4 }), p).band, 'none')
    const sixth = failedLoginBurst(event('login_failed', null), facts({ failedLogins: 5 }), p)
    assert.equal(sixth.band, 'medium')
    assert.deepEqual(sixth.reasons, ['6 failed logins in 15 minutes (limit 5)'])
    assert.equal(failedLoginBurst(event('login_failed', null), facts({ failedLogins: 9 }), p).band, 'medium')
    assert.equal(failedLoginBurst(event('login_failed', null), facts({ failedLogins: 10 }), p).band, 'high')
  })

  test('what follows a burst (a login, a payment) fires on the failures before it', ({ assert }) => {
    assert.equal(failedLoginBurst(event('login', null), facts({ failedLogins: 5 }), p).band, 'none')
    const login = failedLoginBurst(event('login', null), facts({ failedLogins: 6 }), p)
    assert.equal(login.band, 'medium')
    assert.deepEqual(login.reasons, ['Login after 6 failed logins in 15 minutes (limit 5)'])
    assert.equal(failedLoginBurst(event('payment', '10.00'), facts({ failedLogins: 11 }), p).band, 'high')
  })

  test('cash deposits are not looked at', ({ assert }) => {
    assert.equal(failedLoginBurst(event('deposit', '10.00'), facts({ failedLogins: 50 }), p).band, 'none')
  })
})

test.group('Risk rule: new device, large payment (new for 24 hours; medium above 500.00, high above 2500.00)', () => {
  const p = rules.new_device_large_payment.params
  const fresh = facts({ deviceFirstSeenAt: ago(5 * 60_000) })

  test('500.00 from a new device is quiet, 500.01 medium, 2500.01 high', ({ assert }) => {
    assert.equal(newDeviceLargePayment(event('payment', '500.00'), fresh, p).band, 'none')
    const medium = newDeviceLargePayment(event('payment', '500.01'), fresh, p)
    assert.equal(medium.band, 'medium')
    assert.deepEqual(medium.reasons, [
      '500.01 GBP from a device first seen 5 minutes ago (new for 24 hours; limit 500.00 GBP)',
    ])
    assert.equal(newDeviceLargePayment(event('payment', '2500.00'), fresh, p).band, 'medium')
    assert.equal(newDeviceLargePayment(event('payment', '2500.01'), fresh, p).band, 'high')
  })

  test('a device first seen just under 24 hours ago is new, 24 hours ago it is known', ({ assert }) => {
    const pay = event('payment', '3000.00')
    assert.equal(newDeviceLargePayment(pay, facts({ deviceFirstSeenAt: ago(24 * 3_600_000 - 1) }), p).band, 'high')
    assert.equal(newDeviceLargePayment(pay, facts({ deviceFirstSeenAt: ago(24 * 3_600_000) }), p).band, 'none')
  })

  test('no device (teller) and no money out: quiet', ({ assert }) => {
    assert.equal(newDeviceLargePayment(event('withdrawal', '9000.00'), facts({ deviceFirstSeenAt: null }), p).band, 'none')
    assert.equal(newDeviceLargePayment(event('token_issued', null), fresh, p).band, 'none')
  })
})
