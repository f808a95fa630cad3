import { test } from '@japa/runner'
import { Money } from '#domain/money/money'
import { emptyFacts, type RiskEvent, type RiskEventKind, type RiskFacts } from '#domain/risk/risk_event'
import { DEFAULT_RISK_CONFIGURATION, type RiskConfiguration, type Typology } from '#domain/risk/risk_configuration'
import { assessRisk, scoreTypology } from '#domain/risk/assess_risk'
import { RULE_IDS, type RuleOutcome } from '#domain/risk/rule_types'

const AT = new Date('2026-03-02T12:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR

function event(kind: RiskEventKind, amount: string | null): RiskEvent {
  return {
    kind,
    at: AT,
    customerId: 1,
    accountId: 10,
    amount: amount === null ? null : Money.fromDecimal(amount, 'GBP'),
    payeeAccountId: kind === 'payment' ? 20 : null,
    channel: 'api',
  }
}

const facts = (overrides: Partial<RiskFacts>): RiskFacts => ({ ...emptyFacts(), ...overrides })

/** A customer who pays ~40.00 a few times a week, to known payees, from a known device */
const ordinary = facts({
  pattern: { count: 30, mean: 4_000n, max: 12_000n },
  payeeFirstPaidAt: new Date(AT.getTime() - 60 * DAY),
  lastActivityAt: new Date(AT.getTime() - 2 * DAY),
  deviceFirstSeenAt: new Date(AT.getTime() - 200 * DAY),
})

const typology: Typology = {
  id: 'test',
  name: 'Test',
  kind: 'fraud',
  weights: { velocity: { low: 5, medium: 40, high: 80 }, structuring: { low: 1, medium: 60, high: 90 } },
  alertThreshold: 100,
  blockThreshold: 120,
}
/** The test typology with velocity medium weighing `points` only */
const weighing = (points: number): Typology => ({ ...typology, weights: { velocity: { low: 0, medium: points, high: 0 } } })
const out = (rule: RuleOutcome['rule'], band: RuleOutcome['band']): RuleOutcome => ({ rule, band, reasons: [] })

function configWith(change: (config: RiskConfiguration) => void): RiskConfiguration {
  const config = structuredClone(DEFAULT_RISK_CONFIGURATION)
  change(config)
  return config
}

test.group('Risk typologies: scoring', () => {
  test('the weights of the bands reached add up; rules not weighed and none bands count 0', ({ assert }) => {
    const result = scoreTypology(typology, [
      out('velocity', 'medium'),
      out('structuring', 'high'),
      out('rapid_in_out', 'high'),
      out('new_payee_large', 'none'),
    ])
    assert.equal(result.score, 130)
    assert.deepEqual(result.fired.map((o) => o.rule), ['velocity', 'structuring'])
  })

  test('the alert threshold is inclusive: 99 does not alert, 100 does', ({ assert }) => {
    assert.isFalse(scoreTypology(weighing(99), [out('velocity', 'medium')]).alert)
    assert.isTrue(scoreTypology(weighing(100), [out('velocity', 'medium')]).alert)
  })

  test('the block threshold is inclusive: 119 alerts only, 120 blocks', ({ assert }) => {
    const at119 = scoreTypology(weighing(119), [out('velocity', 'medium')])
    assert.deepEqual([at119.score, at119.alert, at119.block], [119, true, false])
    const at120 = scoreTypology(weighing(120), [out('velocity', 'medium')])
    assert.deepEqual([at120.score, at120.alert, at120.block], [120, true, true])
  })

  test('a fraud typology without a block threshold never blocks', ({ assert }) => {
    const result = scoreTypology({ ...weighing(5000), blockThreshold: null }, [out('velocity', 'medium')])
    assert.deepEqual([result.alert, result.block], [true, false])
  })

  test('a money-laundering typology never blocks, even with a block threshold slipped in', ({ assert }) => {
    const ml = { ...typology, kind: 'money_laundering' as const, blockThreshold: 1 }
    const result = scoreTypology(ml, [out('velocity', 'high'), out('structuring', 'high')])
    assert.deepEqual([result.alert, result.block], [true, false])
  })
})

test.group('Risk assessment: decisions with the default configuration', () => {
  test('an ordinary customer paying as usual is allowed, with every rule at none', ({ assert }) => {
    const result = assessRisk(event('payment', '45.00'), ordinary, DEFAULT_RISK_CONFIGURATION)
    assert.equal(result.decision, 'allow')
    assert.isNull(result.severity)
    assert.equal(result.configurationVersion, 1)
    assert.deepEqual(result.outcomes.map((o) => o.rule), [...RULE_IDS])
    assert.isTrue(result.outcomes.every((o) => o.band === 'none'))
  })

  test('a large payment from a new device to a new payee: review (money held), severity high', ({ assert }) => {
    const risky = facts({ ...ordinary, deviceFirstSeenAt: new Date(AT.getTime() - HOUR), payeeFirstPaidAt: null })
    const result = assessRisk(event('payment', '3000.00'), risky, DEFAULT_RISK_CONFIGURATION)
    const ato = result.typologies.find((t) => t.id === 'account_takeover')!
    assert.equal(ato.score, 100 + 60 + 40)
    assert.isFalse(ato.block)
    assert.deepEqual(ato.fired.map((o) => o.rule).sort(), ['amount_vs_pattern', 'new_device_large_payment', 'new_payee_large'])
    assert.equal(result.decision, 'review')
    assert.equal(result.severity, 'high')
  })

  test('the same signals plus a failed-login burst reach the block threshold: block, critical', ({ assert }) => {
    const takeover = facts({ ...ordinary, deviceFirstSeenAt: new Date(AT.getTime() - HOUR), payeeFirstPaidAt: null, failedLogins: 6 })
    const result = assessRisk(event('payment', '3000.00'), takeover, DEFAULT_RISK_CONFIGURATION)
    assert.equal(result.typologies.find((t) => t.id === 'account_takeover')!.score, 240)
    assert.equal(result.decision, 'block')
    assert.equal(result.severity, 'critical')
  })

  test('a fraud typology alerting on an event that moves no money gives alert, not review', ({ assert }) => {
    const config = configWith((c) => {
      c.typologies[0].weights.failed_login_burst = { low: 0, medium: 100, high: 100 }
    })
    const result = assessRisk(event('login', null), facts({ failedLogins: 6 }), config)
    assert.equal(result.decision, 'alert')
  })

  test('money laundering only alerts: a mule sending on everything it received is not held', ({ assert }) => {
    const mule = facts({ ...ordinary, receivedInWindow: 500_000n, lastActivityAt: new Date(AT.getTime() - 300 * DAY) })
    const result = assessRisk(event('withdrawal', '100.00'), mule, DEFAULT_RISK_CONFIGURATION)
    assert.equal(result.outcomes.find((o) => o.rule === 'rapid_in_out')!.band, 'none')
    const sendOn = assessRisk(event('withdrawal', '4900.00'), mule, DEFAULT_RISK_CONFIGURATION)
    const muleResult = sendOn.typologies.find((t) => t.id === 'money_mule')!
    assert.equal(muleResult.score, 100 + 70)
    assert.isTrue(muleResult.alert)
    assert.isFalse(muleResult.block)
    assert.equal(sendOn.decision, 'alert')
    assert.equal(sendOn.severity, 'medium')
  })

  test('structuring alerts and never blocks, however far past its threshold', ({ assert }) => {
    const config = configWith((c) => {
      c.typologies[2].weights.structuring = { low: 0, medium: 10_000, high: 10_000 }
    })
    const result = assessRisk(event('withdrawal', '9000.00'), facts({ nearThreshold: [900_000n, 900_000n] }), config)
    assert.equal(result.decision, 'alert')
    assert.equal(result.severity, 'high')
  })

  test('a disabled rule gives none and adds nothing', ({ assert }) => {
    const busy = facts({ ...ordinary, failedLogins: 50, deviceFirstSeenAt: new Date(AT.getTime() - HOUR) })
    const enabled = assessRisk(event('payment', '3000.00'), busy, DEFAULT_RISK_CONFIGURATION)
    assert.equal(enabled.outcomes.find((o) => o.rule === 'failed_login_burst')!.band, 'high')
    const config = configWith((c) => {
      c.rules.failed_login_burst.enabled = false
      c.rules.new_device_large_payment.enabled = false
    })
    const disabled = assessRisk(event('payment', '3000.00'), busy, config)
    assert.deepEqual(disabled.outcomes.find((o) => o.rule === 'failed_login_burst'), { rule: 'failed_login_burst', band: 'none', reasons: [] })
    assert.equal(disabled.typologies.find((t) => t.id === 'account_takeover')!.score, 60)
    assert.equal(disabled.decision, 'allow')
  })
})
