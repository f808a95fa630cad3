import { test } from '@japa/runner'
import {
  ALERT_STATUSES,
  alertAge,
  alertSeverity,
  alertStepAllowed,
  isClosedStatus,
  nextAlertStatus,
  type AlertStatus,
  type AlertTransition,
} from '#domain/risk/alert_status'

test.group('Alert status machine', () => {
  test('assigning an open alert starts the investigation; reassigning keeps it', ({ assert }) => {
    assert.equal(nextAlertStatus('open', 'assign'), 'investigating')
    assert.equal(nextAlertStatus('investigating', 'assign'), 'investigating')
  })

  test('an investigation ends dismissed, confirmed or escalated', ({ assert }) => {
    assert.equal(nextAlertStatus('investigating', 'dismiss'), 'dismissed')
    assert.equal(nextAlertStatus('investigating', 'confirm'), 'confirmed')
    assert.equal(nextAlertStatus('investigating', 'escalate'), 'escalated')
  })

  test('an open alert must be assigned before it is decided', ({ assert }) => {
    for (const step of ['dismiss', 'confirm', 'escalate'] as const) assert.isNull(nextAlertStatus('open', step))
  })

  test('a confirmed alert may still be escalated, nothing else', ({ assert }) => {
    assert.equal(nextAlertStatus('confirmed', 'escalate'), 'escalated')
    for (const step of ['assign', 'dismiss', 'confirm'] as const) assert.isNull(nextAlertStatus('confirmed', step))
  })

  test('dismissed and escalated are final', ({ assert }) => {
    const steps: AlertTransition[] = ['assign', 'dismiss', 'confirm', 'escalate']
    for (const status of ['dismissed', 'escalated'] as const) {
      for (const step of steps) assert.isNull(nextAlertStatus(status, step), `${status} → ${step}`)
    }
  })

  test('every transition lands on a known status, and only closed statuses are final', ({ assert }) => {
    const steps: AlertTransition[] = ['assign', 'dismiss', 'confirm', 'escalate']
    for (const status of ALERT_STATUSES) {
      for (const step of steps) {
        const next = nextAlertStatus(status, step)
        if (next) assert.include(ALERT_STATUSES as readonly AlertStatus[], next)
      }
    }
    assert.deepEqual(ALERT_STATUSES.filter(isClosedStatus), ['dismissed', 'confirmed', 'escalated'])
  })

  test('notes are allowed in every status; account and hold steps stop at final statuses', ({ assert }) => {
    for (const status of ALERT_STATUSES) assert.isTrue(alertStepAllowed(status, 'note'))
    assert.isTrue(alertStepAllowed('investigating', 'freeze'))
    assert.isTrue(alertStepAllowed('confirmed', 'freeze'))
    assert.isFalse(alertStepAllowed('dismissed', 'freeze'))
    assert.isFalse(alertStepAllowed('escalated', 'unfreeze'))
    assert.isTrue(alertStepAllowed('dismissed', 'settle_hold'))
    assert.isFalse(alertStepAllowed('escalated', 'settle_hold'))
    assert.isFalse(alertStepAllowed('open', 'confirm'))
    assert.isTrue(alertStepAllowed('investigating', 'confirm'))
  })
})

test.group('Alert severity and age', () => {
  test('a typology that blocked is critical; a fraud typology that held money is high', ({ assert }) => {
    assert.equal(alertSeverity({ kind: 'fraud', block: true }, { decision: 'block', severity: 'critical' }), 'critical')
    assert.equal(alertSeverity({ kind: 'fraud', block: false }, { decision: 'review', severity: 'high' }), 'high')
  })

  test('otherwise the assessment severity, never critical for a typology that did not block', ({ assert }) => {
    assert.equal(alertSeverity({ kind: 'money_laundering', block: false }, { decision: 'alert', severity: 'medium' }), 'medium')
    assert.equal(alertSeverity({ kind: 'money_laundering', block: false }, { decision: 'block', severity: 'critical' }), 'high')
    assert.equal(alertSeverity({ kind: 'fraud', block: false }, { decision: 'alert', severity: null }), 'low')
  })

  test('age in minutes, hours, then days', ({ assert }) => {
    const now = new Date('2026-01-10T12:00:00Z')
    assert.equal(alertAge(new Date('2026-01-10T11:55:00Z'), now), '5 min')
    assert.equal(alertAge(new Date('2026-01-10T07:00:00Z'), now), '5 h')
    assert.equal(alertAge(new Date('2026-01-07T12:00:00Z'), now), '3 d')
  })
})
