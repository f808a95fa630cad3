import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type StaffUser from '#models/staff_user'
import PlaceHold from '#actions/ledger/place_hold'
import AssignAlert from '#actions/risk/assign_alert'
import { NO_REQUEST } from '#domain/audit/actor'
import { Money } from '#domain/money/money'
import type { AlertSeverity } from '#domain/risk/alert_status'
import { FIXTURE_ACTOR } from '#database/factories/account_factory'
import { RiskAlertFactory } from '#database/factories/risk_alert_factory'
import { customerWithAccounts } from '#tests/helpers/customers'

/**
 * The compliance queue in tests (tests/functional/risk/alerts*.spec.ts and
 * the role × route matrix): alerts raised through RiskAlertFactory
 * (RaiseAlert) about a fresh customer, and a payment held for review the
 * way the posting path holds it (a hold on the debtor account under its
 * own key, and the risk_held_payments row).
 */

/** A typology id unique to the test, so a test can filter the shared queue down to its own alerts */
export const uniqueTypology = () => `t_${randomUUID().replaceAll('-', '').slice(0, 12)}`

export async function alertFor(options: {
  severity?: AlertSeverity
  typologyId?: string
  createdAt?: DateTime
  withAccount?: boolean
  balance?: string
} = {}) {
  const { customerId, accounts } = await customerWithAccounts(
    options.withAccount === false ? [] : [{ currency: 'GBP', amount: options.balance ?? '500.00' }]
  )
  const typologyId = options.typologyId ?? uniqueTypology()
  const alert = await RiskAlertFactory.merge({
    customerId,
    accountId: accounts[0]?.id ?? null,
    typologyId,
    typologyName: `Typology ${typologyId}`,
    severity: options.severity ?? 'high',
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  }).create()
  return { alert, customerId, account: accounts[0] ?? null }
}

/** A payment of `amount` GBP held for review from a funded account to another customer's, and its alert */
export async function heldPaymentAlert(amount: string, funds = '50000.00') {
  const { customerId, accounts } = await customerWithAccounts([{ currency: 'GBP', amount: funds }])
  const { accounts: payee } = await customerWithAccounts([{ currency: 'GBP' }])
  const money = Money.fromDecimal(amount, 'GBP')
  const { hold } = await (await app.container.make(PlaceHold)).handle({
    accountId: accounts[0].id,
    amount: money,
    reason: 'payment held for review',
    idempotencyKey: randomUUID(),
    actor: FIXTURE_ACTOR,
  })
  const [held] = await db
    .table('risk_held_payments')
    .insert({
      hold_id: hold.id,
      customer_id: customerId,
      debtor_account_id: accounts[0].id,
      creditor_account_id: payee[0].id,
      amount: money.toMinorString(),
      currency: 'GBP',
      reference: 'Held for review',
    })
    .returning('id')
  const heldPaymentId = Number(held.id)
  const alert = await RiskAlertFactory.merge({ customerId, accountId: accounts[0].id, heldPaymentId }).create()
  return { alert, customerId, debtor: accounts[0], creditor: payee[0], heldPaymentId }
}

/** An alert under investigation by `assignee` (through AssignAlert, as the page does it) */
export async function investigatingAlert(assignee: StaffUser) {
  const fixture = await alertFor()
  await (await app.container.make(AssignAlert)).handle({ alertId: fixture.alert.id, assigneeId: assignee.id, staff: assignee, context: NO_REQUEST })
  return fixture
}

export async function alertRow(id: number) {
  return db.from('risk_alerts').where('id', id).firstOrFail()
}

export async function activityOf(id: number) {
  return db.from('risk_alert_activity').where('alert_id', id).orderBy('id')
}

export async function heldPaymentRow(id: number) {
  return db.from('risk_held_payments').where('id', id).firstOrFail()
}
