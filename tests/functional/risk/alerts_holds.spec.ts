import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { auditFor } from '#tests/helpers/audit'
import { nextFlash, resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { balances } from '#tests/helpers/ledger'
import { activityOf, heldPaymentAlert, heldPaymentRow } from '#tests/helpers/risk_alerts'

/** The four-eyes posting limit: 10000.00 by default (config/four_eyes.ts) */
const SMALL = '250.00'
const LARGE = '12500.00'

test.group('Alerts: settling a held payment', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('release below the limit: the hold is released, the money available again, audited on the alert', async ({ client, assert }) => {
    const { alert, debtor, heldPaymentId } = await heldPaymentAlert(SMALL, '1000.00')
    assert.equal((await balances(debtor.id)).available, 75000n)
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const response = await agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { outcome: 'release', reason: 'False positive', idempotencyKey: randomUUID() })
    response.assertStatus(302)
    assert.match((await agent.flashAfter(response)).success!, /released/)
    assert.equal((await heldPaymentRow(heldPaymentId)).status, 'released')
    assert.deepInclude(await balances(debtor.id), { balance: 100000n, available: 100000n })
    const lines = await activityOf(alert.id)
    assert.deepInclude(lines.at(-1), { action: 'hold.released', staff_id: String(staff.id), note: 'False positive' })
    assert.lengthOf(await auditFor('risk.alert.hold.released', alert.id), 1)
  })

  test('capture below the limit: the payment goes ahead to its payee', async ({ client, assert }) => {
    const { alert, debtor, creditor, heldPaymentId } = await heldPaymentAlert(SMALL, '1000.00')
    const { agent } = await signedInStaff(client, 'compliance')
    await agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { outcome: 'capture', idempotencyKey: randomUUID() })
    const held = await heldPaymentRow(heldPaymentId)
    assert.equal(held.status, 'captured')
    assert.isNotNull(held.transaction_id)
    assert.deepInclude(await balances(debtor.id), { balance: 75000n, available: 75000n })
    assert.equal((await balances(creditor.id)).balance, 25000n)
    assert.equal((await activityOf(alert.id)).at(-1)!.action, 'hold.captured')

    await agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { outcome: 'release', idempotencyKey: randomUUID() })
    assert.match((await nextFlash(agent, `/backoffice/risk/alerts/${alert.id}`)).error!, /already captured or released/)
  })

  test('a hold settle without an outcome is a 422', async ({ client, assert }) => {
    const { alert, heldPaymentId } = await heldPaymentAlert(SMALL, '1000.00')
    const { agent } = await signedInStaff(client, 'compliance')
    const response = await agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { idempotencyKey: randomUUID() }, { json: true })
    response.assertStatus(422)
    assert.equal((await heldPaymentRow(heldPaymentId)).status, 'held')
  })

  for (const outcome of ['capture', 'release'] as const) {
    test(`${outcome} above the limit is four-eyes: the maker cannot approve, a second officer does`, async ({ client, assert }) => {
      const { alert, debtor, heldPaymentId } = await heldPaymentAlert(LARGE)
      const maker = await signedInStaff(client, 'compliance')
      const key = randomUUID()
      const response = await maker.agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { outcome, reason: 'Checked with the customer', idempotencyKey: key })
      assert.match((await maker.agent.flashAfter(response)).success!, /waits for a second staff member/)
      await maker.agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { outcome, idempotencyKey: key })

      const approvals = await db.from('approvals').where({ kind: 'risk.hold_settlement', subject_type: 'risk_alert', subject_id: String(alert.id) })
      assert.lengthOf(approvals, 1, 'a resubmitted form files one request')
      const approval = approvals[0]
      assert.equal(approval.status, 'pending')
      assert.equal((await heldPaymentRow(heldPaymentId)).status, 'held')
      assert.equal((await activityOf(alert.id)).at(-1)!.action, 'hold.settlement_requested')

      const own = await maker.agent.post(`/backoffice/approvals/${approval.id}/approve`, {})
      own.assertStatus(403)
      assert.equal((await heldPaymentRow(heldPaymentId)).status, 'held')

      const checker = await signedInStaff(client, 'compliance')
      const approved = await checker.agent.post(`/backoffice/approvals/${approval.id}/approve`, {})
      approved.assertStatus(302)
      assert.isNull((await checker.agent.flashAfter(approved)).error)
      assert.equal((await heldPaymentRow(heldPaymentId)).status, outcome === 'capture' ? 'captured' : 'released')
      assert.equal((await balances(debtor.id)).available, outcome === 'capture' ? 3750000n : 5000000n)
      const last = (await activityOf(alert.id)).at(-1)!
      assert.include(last, { action: outcome === 'capture' ? 'hold.captured' : 'hold.released', staff_id: String(checker.staff.id) })
      assert.equal(last.details.approval_id, String(approval.id))
    })
  }

  test('the alert page offers capture / release only to roles that may settle, and not while a request waits', async ({ client, assert }) => {
    const { alert } = await heldPaymentAlert(LARGE)
    const officer = await signedInStaff(client, 'compliance')
    const page = await officer.agent.get(`/backoffice/risk/alerts/${alert.id}`, { inertia: true })
    assert.isTrue(page.inertiaProps.can.settleHold)
    assert.equal(page.inertiaProps.heldPayment.amount.amount, LARGE)
    await officer.agent.post(`/backoffice/risk/alerts/${alert.id}/hold`, { outcome: 'capture', idempotencyKey: randomUUID() })
    const waiting = await officer.agent.get(`/backoffice/risk/alerts/${alert.id}`, { inertia: true })
    assert.isFalse(waiting.inertiaProps.can.settleHold)
    assert.isNotNull(waiting.inertiaProps.pendingSettlement)
    const auditor = await signedInStaff(client, 'auditor')
    assert.isFalse((await auditor.agent.get(`/backoffice/risk/alerts/${alert.id}`, { inertia: true })).inertiaProps.can.settleHold)
  })
})
