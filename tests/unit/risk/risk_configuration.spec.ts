import { test } from '@japa/runner'
import { DEFAULT_RISK_CONFIGURATION, riskFactWindows } from '#domain/risk/risk_configuration'
import { validateRiskConfiguration } from '#domain/risk/validate_risk_configuration'
import { aboveMultiple, minorAbove, nearThresholdBounds } from '#domain/risk/risk_amounts'
import { RULE_IDS } from '#domain/risk/rule_types'

/** The default as it would arrive from a form or a jsonb column */
const json = (): any => JSON.parse(JSON.stringify(DEFAULT_RISK_CONFIGURATION))

function errorsOf(input: unknown): Record<string, string> {
  const check = validateRiskConfiguration(input)
  if (check.ok) return {}
  return Object.fromEntries(check.errors.map((e) => [e.path, e.message]))
}

test.group('Risk configuration: validation', () => {
  test('the default configuration is valid and comes back equal', ({ assert }) => {
    const check = validateRiskConfiguration(json())
    assert.isTrue(check.ok)
    if (check.ok) assert.deepEqual(check.configuration, DEFAULT_RISK_CONFIGURATION)
  })

  test('a money-laundering typology with a block threshold is refused', ({ assert }) => {
    const input = json()
    input.typologies[1].blockThreshold = 500
    assert.match(errorsOf(input)['typologies.1.blockThreshold'], /never block/)
  })

  test('a fraud block threshold below its alert threshold is refused; equal is accepted', ({ assert }) => {
    const input = json()
    input.typologies[0].blockThreshold = 99
    assert.include(Object.keys(errorsOf(input)), 'typologies.0.blockThreshold')
    input.typologies[0].blockThreshold = 100
    assert.isTrue(validateRiskConfiguration(input).ok)
  })

  test('every missing rule, unknown rule and unknown parameter is named', ({ assert }) => {
    const input = json()
    delete input.rules.velocity
    input.rules.crystal_ball = { enabled: true, params: {} }
    input.rules.structuring.params.colour = 'red'
    delete input.rules.rapid_in_out.params.minReceived
    const errors = errorsOf(input)
    assert.containsSubset(errors, {
      'rules.velocity': 'is missing',
      'rules.crystal_ball': 'is not a known field',
      'rules.structuring.params.colour': 'is not a known field',
    })
    assert.include(Object.keys(errors), 'rules.rapid_in_out.params.minReceived')
  })

  test('parameters are checked by kind: whole numbers, decimal amounts, exact ratios', ({ assert }) => {
    const input = json()
    input.rules.velocity.params.windowMinutes = 0
    input.rules.velocity.params.mediumCount = 2.5
    input.rules.velocity.params.mediumTotal = 5000
    input.rules.structuring.params.threshold = '1e4'
    input.rules.rapid_in_out.params.mediumShare = 0.12345
    input.rules.amount_vs_pattern.params.highMultiple = -1
    input.rules.failed_login_burst.enabled = 'yes'
    const errors = errorsOf(input)
    assert.sameMembers(Object.keys(errors), [
      'rules.velocity.params.windowMinutes',
      'rules.velocity.params.mediumCount',
      'rules.velocity.params.mediumTotal',
      'rules.structuring.params.threshold',
      'rules.rapid_in_out.params.mediumShare',
      'rules.amount_vs_pattern.params.highMultiple',
      'rules.failed_login_burst.enabled',
    ])
  })

  test('a medium threshold above its high one is refused (money compared exactly)', ({ assert }) => {
    const input = json()
    input.rules.velocity.params.mediumTotal = '20000.01'
    input.rules.failed_login_burst.params.mediumCount = 11
    const errors = errorsOf(input)
    assert.include(Object.keys(errors), 'rules.velocity.params.mediumTotal')
    assert.include(Object.keys(errors), 'rules.failed_login_burst.params.mediumCount')
    input.rules.velocity.params.mediumTotal = '20000.0'
    input.rules.failed_login_burst.params.mediumCount = 10
    assert.isTrue(validateRiskConfiguration(input).ok)
  })

  test('typologies: duplicate ids, unknown rules, negative weights, bad kinds and thresholds', ({ assert }) => {
    const input = json()
    input.typologies[1].id = 'account_takeover'
    input.typologies[0].weights.telepathy = { low: 0, medium: 1, high: 2 }
    input.typologies[0].weights.velocity.low = -1
    input.typologies[2].kind = 'terrorism'
    input.typologies[2].alertThreshold = 0
    const errors = errorsOf(input)
    assert.containsSubset(errors, {
      'typologies.1.id': 'is used twice',
      'typologies.0.weights.telepathy': 'is not a known rule',
    })
    assert.include(Object.keys(errors), 'typologies.0.weights.velocity.low')
    assert.include(Object.keys(errors), 'typologies.2.kind')
    assert.include(Object.keys(errors), 'typologies.2.alertThreshold')
  })

  test('not an object, no typologies, a bad version', ({ assert }) => {
    assert.deepEqual(errorsOf(null), { '': 'must be an object' })
    const input = json()
    input.typologies = []
    input.version = 0
    assert.sameMembers(Object.keys(errorsOf(input)), ['typologies', 'version'])
  })
})

test.group('Risk configuration: exact thresholds and fact windows', () => {
  test('money thresholds compare exactly in each currency, with extra decimals', ({ assert }) => {
    assert.isFalse(minorAbove(1_000_000n, 'GBP', '10000.00'))
    assert.isTrue(minorAbove(1_000_001n, 'GBP', '10000.00'))
    assert.isFalse(minorAbove(10_000n, 'JPY', '10000.00'))
    assert.isTrue(minorAbove(10_001n, 'JPY', '10000.00'))
    assert.isTrue(minorAbove(10_000n, 'JPY', '9999.5'))
    assert.isFalse(minorAbove(10_000_000n, 'KWD', '10000'))
  })

  test('ratios are exact: 0.1 × 3 is not above 0.3', ({ assert }) => {
    assert.isFalse(aboveMultiple(3n, 0.1, 30n))
    assert.isTrue(aboveMultiple(4n, 0.1, 30n))
    assert.throws(() => aboveMultiple(1n, 0.00001, 1n))
  })

  test('the near-threshold band rounds up at both ends (amounts are whole minor units)', ({ assert }) => {
    assert.deepEqual(nearThresholdBounds('10000.00', 0.8, 'GBP'), { fromMinor: 800_000n, belowMinor: 1_000_000n })
    assert.deepEqual(nearThresholdBounds('999.99', 0.9, 'JPY'), { fromMinor: 900n, belowMinor: 1000n })
  })

  test('the facts query takes its windows from the rule parameters', ({ assert }) => {
    assert.deepEqual(riskFactWindows(DEFAULT_RISK_CONFIGURATION, 'GBP'), {
      velocityMinutes: 10,
      patternDays: 90,
      structuringDays: 7,
      nearThresholdFromMinor: 800_000n,
      nearThresholdBelowMinor: 1_000_000n,
      rapidInOutMinutes: 60,
      failedLoginMinutes: 15,
    })
    assert.lengthOf(Object.keys(DEFAULT_RISK_CONFIGURATION.rules), RULE_IDS.length)
  })
})
