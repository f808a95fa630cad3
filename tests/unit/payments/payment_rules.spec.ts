import { test } from '@japa/runner'
import {
  authorisationProblem,
  checkPaymentLimits,
  classifyLimitChange,
  decimalToMinorFloor,
  effectiveLimits,
  parseLimitTable,
  policyFor,
  scaRequirement,
  PaymentConfigError,
  type AuthorisationState,
} from '#domain/payments/payment_rules'

const limits = { single: 500_000n, daily: 1_000_000n }

test.group('Payment rules: limits', () => {
  test('a payment within the single limit and the rest of the day passes', ({ assert }) => {
    assert.deepEqual(checkPaymentLimits({ amount: 500_000n, limits, paidToday: 500_000n }), { ok: true })
  })

  test('above the single limit: refused naming the single limit', ({ assert }) => {
    assert.deepEqual(checkPaymentLimits({ amount: 500_001n, limits, paidToday: 0n }), {
      ok: false, limit: 'single', limitMinor: 500_000n, remainingMinor: 500_000n,
    })
  })

  test('crossing the daily total: refused with what remains (never negative)', ({ assert }) => {
    assert.deepEqual(checkPaymentLimits({ amount: 300_000n, limits, paidToday: 800_000n }), {
      ok: false, limit: 'daily', limitMinor: 1_000_000n, remainingMinor: 200_000n,
    })
    const over = checkPaymentLimits({ amount: 1n, limits: { single: 10n, daily: 5n }, paidToday: 9n })
    assert.deepEqual(over, { ok: false, limit: 'daily', limitMinor: 5n, remainingMinor: 0n })
  })

  test('a staff override wins over the default', ({ assert }) => {
    assert.deepEqual(effectiveLimits(limits, { single: 1n, daily: 2n }), { single: 1n, daily: 2n })
    assert.deepEqual(effectiveLimits(limits, null), limits)
  })

  test('raising either limit is a raise; lowering both (or one) is a lowering; same is unchanged', ({ assert }) => {
    assert.equal(classifyLimitChange(limits, { single: 500_001n, daily: 1_000_000n }), 'raise')
    assert.equal(classifyLimitChange(limits, { single: 100n, daily: 1_000_001n }), 'raise')
    assert.equal(classifyLimitChange(limits, { single: 100n, daily: 1_000_000n }), 'lower')
    assert.equal(classifyLimitChange(limits, { single: 100n, daily: 200n }), 'lower')
    assert.equal(classifyLimitChange(limits, { ...limits }), 'unchanged')
  })
})

test.group('Payment rules: dynamic linking', () => {
  const policy = { threshold: 25_000n, exemption: 3_000n }

  test('above the threshold always needs a code, even to a known payee', ({ assert }) => {
    assert.equal(scaRequirement({ amount: 25_001n, ...policy, knownPayee: true }), 'amount_above_threshold')
    assert.isNull(scaRequirement({ amount: 25_000n, ...policy, knownPayee: true }))
  })

  test('above the exemption to a payee never paid above it needs a code; up to the exemption never', ({ assert }) => {
    assert.equal(scaRequirement({ amount: 3_001n, ...policy, knownPayee: false }), 'new_payee')
    assert.isNull(scaRequirement({ amount: 3_000n, ...policy, knownPayee: false }))
    assert.isNull(scaRequirement({ amount: 3_001n, ...policy, knownPayee: true }))
  })

  const authorisation: AuthorisationState = {
    debtorAccountId: 1, creditorAccountId: 2, creditorAccountNumber: 'SR0000000002', amount: 30_000n, currency: 'GBP',
    expiresAt: new Date('2026-01-01T12:05:00Z'), consumedAt: null, failedAttempts: 0,
  }
  const payment = { debtorAccountId: 1, creditor: { accountId: 2 }, amount: 30_000n, currency: 'GBP' }
  const now = new Date('2026-01-01T12:00:00Z')

  test('an authorisation approves exactly its payment (payee by id or number)', ({ assert }) => {
    assert.isNull(authorisationProblem(authorisation, payment, now, 3))
    assert.isNull(authorisationProblem(authorisation, { ...payment, creditor: { accountNumber: 'SR0000000002' } }, now, 3))
  })

  test('another amount, currency, payee or debtor is refused, naming what differs', ({ assert }) => {
    assert.equal(authorisationProblem(authorisation, { ...payment, amount: 30_001n }, now, 3), 'amount')
    assert.equal(authorisationProblem(authorisation, { ...payment, currency: 'EUR' }, now, 3), 'amount')
    assert.equal(authorisationProblem(authorisation, { ...payment, creditor: { accountId: 3 } }, now, 3), 'payee')
    assert.equal(authorisationProblem(authorisation, { ...payment, creditor: { accountNumber: 'SR0000000003' } }, now, 3), 'payee')
    assert.equal(authorisationProblem(authorisation, { ...payment, debtorAccountId: 9 }, now, 3), 'debtor')
  })

  test('a used, expired or locked authorisation is refused', ({ assert }) => {
    assert.equal(authorisationProblem({ ...authorisation, consumedAt: now }, payment, now, 3), 'consumed')
    assert.equal(authorisationProblem(authorisation, payment, new Date('2026-01-01T12:05:00Z'), 3), 'expired')
    assert.equal(authorisationProblem({ ...authorisation, failedAttempts: 3 }, payment, now, 3), 'too_many_attempts')
  })
})

test.group('Payment rules: configuration', () => {
  test('parses PAYMENT_LIMITS per currency in its own decimals', ({ assert }) => {
    assert.deepEqual(parseLimitTable('GBP:5000.00/10000.00, JPY:700000/1500000,KWD:1500.500/3000'), {
      GBP: { single: 500_000n, daily: 1_000_000n },
      JPY: { single: 700_000n, daily: 1_500_000n },
      KWD: { single: 1_500_500n, daily: 3_000_000n },
    })
  })

  test('refuses a malformed PAYMENT_LIMITS entry or an unknown currency', ({ assert }) => {
    assert.throws(() => parseLimitTable('GBP=5000'), PaymentConfigError)
    assert.throws(() => parseLimitTable('XXX:1/2'), PaymentConfigError)
    assert.throws(() => parseLimitTable('JPY:1.5/2'), PaymentConfigError)
  })

  test('thresholds written once apply to every currency by its exponent', ({ assert }) => {
    assert.equal(decimalToMinorFloor('250.00', 'GBP'), 25_000n)
    assert.equal(decimalToMinorFloor('250.00', 'JPY'), 250n)
    assert.equal(decimalToMinorFloor('30', 'KWD'), 30_000n)
    assert.throws(() => decimalToMinorFloor('-1', 'GBP'), PaymentConfigError)
  })

  test('a currency without configured limits may not be paid (limits 0)', ({ assert }) => {
    const config = { defaultLimits: parseLimitTable('GBP:5000.00/10000.00'), dynamicLinkingThreshold: '250.00', lowValueExemption: '30.00' }
    assert.deepEqual(policyFor(config, 'GBP'), { single: 500_000n, daily: 1_000_000n, threshold: 25_000n, exemption: 3_000n })
    assert.deepEqual(policyFor(config, 'CHF'), { single: 0n, daily: 0n, threshold: 25_000n, exemption: 3_000n })
  })
})
