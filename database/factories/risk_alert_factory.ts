import { randomUUID } from 'node:crypto'
import Factory from '@adonisjs/lucid/factories'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import RiskAlert from '#models/risk_alert'
import RaiseAlert from '#actions/risk/raise_alert'
import { Money } from '#domain/money/money'
import type { RuleOutcome } from '#domain/risk/rule_types'

/**
 * Compliance alerts. An alert is written only by RaiseAlert (the row, its
 * 'raised' activity line and its audit row together), so `create()`
 * raises one from a one-typology assessment built from the attributes,
 * inside the factory's transaction, and returns the row it wrote (status
 * open). Working it is the actions' job (AssignAlert, ResolveAlert …).
 *
 * Merge: customerId (required), accountId, transactionId, heldPaymentId,
 * typologyId / typologyName / typologyKind, score, severity (critical:
 * the typology blocked), rules (the fired outcomes), createdAt (a
 * backdated alert for the queue's age and order: set after raising it).
 */
export const RiskAlertFactory = Factory.define(RiskAlert, () => ({
  typologyId: 'account_takeover',
  typologyName: 'Account takeover',
  typologyKind: 'fraud' as const,
  score: 60,
  severity: 'high' as const,
  status: 'open' as const,
  configurationVersion: 1,
  accountId: null,
  transactionId: null,
  heldPaymentId: null,
  rules: [
    { rule: 'new_device_large_payment', band: 'high', reasons: ['2,600.00 GBP from a device first seen 2 hours ago (new for 24 hours)'] },
    { rule: 'new_payee_large', band: 'medium', reasons: ['First payment to this payee: 2,600.00 GBP (above 2,000.00)'] },
  ] as RuleOutcome[],
}))
  .before('create', async (_, alert, { $trx }) => {
    if (alert.customerId === null || alert.customerId === undefined) {
      throw new Error('RiskAlertFactory: merge({ customerId }) with the customer the alert is about')
    }
    const backdate = alert.createdAt
    const [raised] = await (await app.container.make(RaiseAlert)).handle({
      trx: $trx,
      assessment: {
        typologies: [{
          id: alert.typologyId, name: alert.typologyName, kind: alert.typologyKind, score: alert.score,
          alert: true, block: alert.severity === 'critical', fired: alert.rules,
        }],
        decision: alert.severity === 'critical' ? 'block' : 'alert',
        severity: alert.severity,
        configurationVersion: alert.configurationVersion,
      },
      event: {
        kind: 'payment', at: new Date(), customerId: alert.customerId, accountId: alert.accountId,
        amount: Money.fromDecimal('2600.00', 'GBP'), payeeAccountId: null, channel: 'api',
      },
      subject: {
        customerId: alert.customerId, accountId: alert.accountId, transactionId: alert.transactionId, heldPaymentId: alert.heldPaymentId,
      },
      dedupeKey: `factory:${randomUUID()}`,
    })
    if (backdate instanceof DateTime) {
      await $trx!.from('risk_alerts').where('id', raised.id).update({ created_at: backdate.toJSDate() })
    }
    const row = await RiskAlert.query({ client: $trx }).where('id', raised.id).firstOrFail()
    alert.merge(row.$attributes)
    alert.$hydrateOriginals()
    alert.$isPersisted = true
  })
  .build()
