import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import RaiseAlert from '#actions/risk/raise_alert'
import { Money } from '#domain/money/money'
import type { RiskEvent } from '#domain/risk/risk_event'
import { auditFor } from '#tests/helpers/audit'
import { nextFlash, resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { createStaff } from '#tests/helpers/staff'
import { accountRow } from '#tests/helpers/ledger'
import { activityOf, alertFor, alertRow, uniqueTypology } from '#tests/helpers/risk_alerts'

const typology = (id: string, score: number, alert: boolean, block = false) => ({
  id, name: `Typology ${id}`, kind: 'fraud' as const, score, alert, block,
  fired: alert ? [{ rule: 'velocity' as const, band: 'high' as const, reasons: ['11 outgoing payments in 10 minutes (limit 10)'] }] : [],
})

function paymentEvent(customerId: number, accountId: number): RiskEvent {
  return {
    kind: 'payment', at: new Date('2026-01-10T12:00:00Z'), customerId, accountId,
    amount: Money.fromDecimal('1234.56', 'GBP'), payeeAccountId: null, channel: 'api',
  }
}

test.group('RaiseAlert', () => {
  test('raises one open alert per typology that alerted, with rules, events, version, activity and audit row', async ({ assert }) => {
    const { customerId, accounts } = await customerWithAccounts([{ currency: 'GBP' }])
    const [a, b] = [uniqueTypology(), uniqueTypology()]
    const raised = await (await app.container.make(RaiseAlert)).handle({
      assessment: {
        typologies: [typology(a, 80, true, true), typology(b, 10, false), typology(`${a}x`, 40, true)],
        decision: 'block', severity: 'critical', configurationVersion: 3,
      },
      event: paymentEvent(customerId, accounts[0].id),
      subject: { customerId, accountId: accounts[0].id },
      dedupeKey: `test:${randomUUID()}`,
    })

    assert.lengthOf(raised, 2)
    assert.isTrue(raised.every((r) => r.raised))
    const first = await alertRow(raised[0].id)
    assert.include(first, { typology_id: a, status: 'open', severity: 'critical', score: 80, configuration_version: 3 })
    assert.equal(first.rules[0].reasons[0], '11 outgoing payments in 10 minutes (limit 10)')
    assert.deepEqual(first.events[0].amount, { amount: '1234.56', currency: 'GBP' })
    assert.equal(first.events[0].at, '2026-01-10T12:00:00.000Z')
    assert.equal((await alertRow(raised[1].id)).severity, 'high', 'a typology that did not block is never critical')
    assert.deepEqual((await activityOf(raised[0].id)).map((l) => l.action), ['raised'])
    const [audit] = await auditFor('risk.alert.raised', raised[0].id)
    assert.equal(audit.actor_type, 'system')
  })

  test('is idempotent on the dedupe key: the same event raises nothing twice', async ({ assert }) => {
    const { customerId } = await customerWithAccounts([])
    const id = uniqueTypology()
    const input = {
      assessment: { typologies: [typology(id, 50, true)], decision: 'alert' as const, severity: 'medium' as const, configurationVersion: 1 },
      event: { ...paymentEvent(customerId, 0), accountId: null },
      subject: { customerId },
      dedupeKey: `test:${randomUUID()}`,
    }
    const raiseAlert = await app.container.make(RaiseAlert)
    const [first] = await raiseAlert.handle(input)
    const [again] = await raiseAlert.handle(input)
    assert.deepEqual(again, { id: first.id, typologyId: id, raised: false })
    assert.lengthOf(await db.from('risk_alerts').where('typology_id', id), 1)
    assert.lengthOf(await auditFor('risk.alert.raised', first.id), 1)
  })

  test("joins the caller's transaction: rolled back, no alert remains", async ({ assert }) => {
    const { customerId } = await customerWithAccounts([])
    const id = uniqueTypology()
    const trx = await db.transaction()
    await (await app.container.make(RaiseAlert)).handle({
      trx,
      assessment: { typologies: [typology(id, 50, true)], decision: 'alert', severity: 'low', configurationVersion: 1 },
      event: { ...paymentEvent(customerId, 0), accountId: null },
      subject: { customerId },
      dedupeKey: `test:${randomUUID()}`,
    })
    await trx.rollback()
    assert.lengthOf(await db.from('risk_alerts').where('typology_id', id), 0)
  })
})

test.group('Compliance queue', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('orders oldest-high-first by default and filters by severity, status, typology, assignee and age', async ({ client, assert }) => {
    const t = uniqueTypology()
    const hours = (h: number) => DateTime.now().minus({ hours: h })
    const lowOld = await alertFor({ typologyId: t, severity: 'low', createdAt: hours(100) })
    const highNew = await alertFor({ typologyId: t, severity: 'high', createdAt: hours(1) })
    const highOld = await alertFor({ typologyId: t, severity: 'high', createdAt: hours(30) })
    const critical = await alertFor({ typologyId: t, severity: 'critical', createdAt: hours(2) })
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const ids = async (qs: string) => {
      const page = await agent.get(`/backoffice/risk/alerts?typology=${t}${qs}`, { inertia: true })
      page.assertStatus(200)
      return (page.inertiaProps.alerts.data as Array<{ id: number }>).map((a) => a.id)
    }

    assert.deepEqual(await ids(''), [critical.alert.id, highOld.alert.id, highNew.alert.id, lowOld.alert.id])
    assert.deepEqual(await ids('&severity=high'), [highOld.alert.id, highNew.alert.id])
    assert.deepEqual(await ids('&age=24h'), [highOld.alert.id, lowOld.alert.id])
    assert.deepEqual(await ids('&age=3d'), [lowOld.alert.id])

    await agent.post(`/backoffice/risk/alerts/${highNew.alert.id}/assign`, {})
    assert.deepEqual(await ids('&assignee=me'), [highNew.alert.id])
    assert.deepEqual(await ids(`&assignee=${staff.id}`), [highNew.alert.id])
    assert.deepEqual(await ids('&assignee=unassigned'), [critical.alert.id, highOld.alert.id, lowOld.alert.id])
    assert.deepEqual(await ids('&status=investigating'), [highNew.alert.id])
    assert.deepEqual(await ids('&status=open'), [critical.alert.id, highOld.alert.id, lowOld.alert.id])

    const paged = await agent.get(`/backoffice/risk/alerts?typology=${t}&perPage=5&page=1`, { inertia: true })
    assert.equal(paged.inertiaProps.alerts.metadata.total, 4)
    const invalid = await agent.get('/backoffice/risk/alerts?severity=urgent', { inertia: true })
    invalid.assertStatus(422)
  })

  test('the alert page shows the fired rules with reasons and the customer activity beside it', async ({ client, assert }) => {
    const { alert } = await alertFor({ balance: '321.00' })
    const { agent } = await signedInStaff(client, 'compliance')
    const page = await agent.get(`/backoffice/risk/alerts/${alert.id}`, { inertia: true })
    page.assertStatus(200)
    page.assertInertiaComponent('backoffice/risk/alerts/show')
    const props = page.inertiaProps
    assert.equal(props.alert.rules[0].rule, 'new_payee_large')
    assert.match(props.alert.rules[1].reasons[0], /device first seen/)
    assert.equal(props.recentActivity[0].amount.amount, '321.00')
    assert.equal(props.account.status, 'active')
    assert.deepInclude(props.can, { assign: true, note: true, dismiss: false, freeze: true })
    assert.deepEqual(props.activity.map((l: { action: string }) => l.action), ['raised'])
  })

  test('an auditor sees the queue and the alert, with no action allowed', async ({ client, assert }) => {
    const { alert } = await alertFor()
    const { agent } = await signedInStaff(client, 'auditor')
    ;(await agent.get('/backoffice/risk/alerts', { inertia: true })).assertStatus(200)
    const page = await agent.get(`/backoffice/risk/alerts/${alert.id}`, { inertia: true })
    page.assertStatus(200)
    assert.isTrue(Object.values(page.inertiaProps.can as Record<string, boolean>).every((v) => v === false))
  })

  for (const role of ['teller', 'loan_officer'] as const) {
    test(`a ${role} may not open the queue nor an alert (403)`, async ({ client }) => {
      const { alert } = await alertFor()
      const { agent } = await signedInStaff(client, role)
      ;(await agent.get('/backoffice/risk/alerts', { inertia: true })).assertStatus(403)
      ;(await agent.get(`/backoffice/risk/alerts/${alert.id}`, { inertia: true })).assertStatus(403)
    })
  }
})

test.group('Working an alert', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('assign to self: open → investigating, audited before / after', async ({ client, assert }) => {
    const { alert } = await alertFor()
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const response = await agent.post(`/backoffice/risk/alerts/${alert.id}/assign`, {})
    response.assertStatus(302)
    assert.equal(response.header('location'), `/backoffice/risk/alerts/${alert.id}`)
    assert.include(await alertRow(alert.id), { status: 'investigating', assignee_id: String(staff.id) })
    const [audit] = await auditFor('risk.alert.assigned', alert.id)
    assert.equal(audit.actor_id, String(staff.id))
    assert.deepEqual(audit.before, { status: 'open', assignee_id: null })
    assert.deepEqual(audit.after, { status: 'investigating', assignee_id: String(staff.id) })
  })

  test('assign to another compliance officer; never to a teller', async ({ client, assert }) => {
    const { alert } = await alertFor()
    const { agent } = await signedInStaff(client, 'admin')
    const { staff: teller } = await createStaff({ role: 'teller' })
    const { staff: officer } = await createStaff({ role: 'compliance' })

    await agent.post(`/backoffice/risk/alerts/${alert.id}/assign`, { assigneeId: teller.id })
    assert.match((await nextFlash(agent, `/backoffice/risk/alerts/${alert.id}`)).error!, /compliance officer or administrator/)
    assert.equal((await alertRow(alert.id)).status, 'open')

    await agent.post(`/backoffice/risk/alerts/${alert.id}/assign`, { assigneeId: officer.id })
    assert.include(await alertRow(alert.id), { status: 'investigating', assignee_id: String(officer.id) })
  })

  test('a note is added to the history and audited; an empty note is a 422', async ({ client, assert }) => {
    const { alert } = await alertFor()
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const empty = await agent.post(`/backoffice/risk/alerts/${alert.id}/notes`, { note: '  ' }, { json: true })
    empty.assertStatus(422)
    await agent.post(`/backoffice/risk/alerts/${alert.id}/notes`, { note: 'Called the customer: no answer.' })
    const lines = await activityOf(alert.id)
    assert.deepInclude(lines.at(-1), { action: 'note.added', note: 'Called the customer: no answer.', staff_id: String(staff.id) })
    const [audit] = await auditFor('risk.alert.note.added', alert.id)
    assert.equal(audit.metadata.note, 'Called the customer: no answer.')
  })

  for (const step of ['dismiss', 'confirm', 'escalate'] as const) {
    test(`${step} needs a reason (422) and an investigation first`, async ({ client, assert }) => {
      const { alert } = await alertFor()
      const { agent } = await signedInStaff(client, 'compliance')
      await agent.post(`/backoffice/risk/alerts/${alert.id}/${step}`, { reason: 'Too early' })
      assert.match((await nextFlash(agent, `/backoffice/risk/alerts/${alert.id}`)).error!, /open cannot be/)
      await agent.post(`/backoffice/risk/alerts/${alert.id}/assign`, {})
      const missing = await agent.post(`/backoffice/risk/alerts/${alert.id}/${step}`, { reason: '' }, { json: true })
      missing.assertStatus(422)
      assert.equal((await alertRow(alert.id)).status, 'investigating')
    })
  }

  test('dismiss with a reason closes the alert (audited); a dismissed alert cannot be confirmed', async ({ client, assert }) => {
    const { alert } = await alertFor()
    const { agent, staff } = await signedInStaff(client, 'compliance')
    await agent.post(`/backoffice/risk/alerts/${alert.id}/assign`, {})
    await agent.post(`/backoffice/risk/alerts/${alert.id}/dismiss`, { reason: 'Known salary payment' })
    const row = await alertRow(alert.id)
    assert.equal(row.status, 'dismissed')
    assert.isNotNull(row.closed_at)
    const [audit] = await auditFor('risk.alert.dismissed', alert.id)
    assert.equal(audit.actor_id, String(staff.id))
    assert.equal(audit.metadata.note, 'Known salary payment')
    await agent.post(`/backoffice/risk/alerts/${alert.id}/confirm`, { reason: 'Changed my mind' })
    assert.match((await nextFlash(agent, `/backoffice/risk/alerts/${alert.id}`)).error!, /dismissed cannot be confirmed/)
  })

  test('confirm, then escalate: a compliance case is opened with the reason as summary', async ({ client, assert }) => {
    const { alert, customerId } = await alertFor()
    const { agent, staff } = await signedInStaff(client, 'compliance')
    await agent.post(`/backoffice/risk/alerts/${alert.id}/assign`, {})
    await agent.post(`/backoffice/risk/alerts/${alert.id}/confirm`, { reason: 'Mule pattern confirmed' })
    assert.equal((await alertRow(alert.id)).status, 'confirmed')
    assert.lengthOf(await auditFor('risk.alert.confirmed', alert.id), 1)
    await agent.post(`/backoffice/risk/alerts/${alert.id}/escalate`, { reason: 'SAR: funds passed through within minutes' })
    assert.equal((await alertRow(alert.id)).status, 'escalated')
    const complianceCase = await db.from('compliance_cases').where('alert_id', alert.id).firstOrFail()
    assert.include(complianceCase, {
      customer_id: String(customerId), summary: 'SAR: funds passed through within minutes', created_by: String(staff.id), status: 'open',
    })
    const [audit] = await auditFor('risk.alert.escalated', alert.id)
    assert.equal(audit.metadata.case_id, String(complianceCase.id))
  })

  test('freeze needs a reason (422); freezing and unfreezing the account is audited on both', async ({ client, assert }) => {
    const { alert, account } = await alertFor()
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const missing = await agent.post(`/backoffice/risk/alerts/${alert.id}/freeze`, { reason: '' }, { json: true })
    missing.assertStatus(422)
    assert.equal((await accountRow(account!.id)).status, 'active')

    await agent.post(`/backoffice/risk/alerts/${alert.id}/freeze`, { reason: 'Account takeover suspected' })
    assert.include(await accountRow(account!.id), { status: 'frozen', status_reason: 'Account takeover suspected' })
    const [frozen] = await auditFor('account.frozen', account!.id)
    assert.equal(frozen.actor_id, String(staff.id))
    assert.lengthOf(await auditFor('risk.alert.account.frozen', alert.id), 1)

    await agent.post(`/backoffice/risk/alerts/${alert.id}/unfreeze`, { reason: 'Customer verified by phone' })
    assert.equal((await accountRow(account!.id)).status, 'active')
    assert.lengthOf(await auditFor('risk.alert.account.unfrozen', alert.id), 1)
    assert.deepEqual((await activityOf(alert.id)).map((l) => l.action), ['raised', 'account.frozen', 'account.unfrozen'])
  })

  test('the history is append-only: the runtime role can neither change nor delete it', async ({ assert }) => {
    const { alert } = await alertFor()
    await assert.rejects(() => db.from('risk_alert_activity').where('alert_id', alert.id).update({ note: 'rewritten' }))
    await assert.rejects(() => db.from('risk_alert_activity').where('alert_id', alert.id).delete())
  })
})

test.group('Working an alert: forbidden roles', (group) => {
  group.each.setup(() => resetLoginThrottle())

  const STEPS: Array<[string, Record<string, unknown>]> = [
    ['assign', {}],
    ['notes', { note: 'Not mine to write' }],
    ['dismiss', { reason: 'Not mine to decide' }],
    ['confirm', { reason: 'Not mine to decide' }],
    ['escalate', { reason: 'Not mine to decide' }],
    ['freeze', { reason: 'Not mine to freeze' }],
    ['hold', { outcome: 'release', idempotencyKey: randomUUID() }],
  ]
  for (const role of ['teller', 'loan_officer', 'auditor'] as const) {
    test(`${role}: 403 on every action, nothing changes`, async ({ client, assert }) => {
      const { alert, account } = await alertFor()
      const { agent } = await signedInStaff(client, role)
      for (const [step, form] of STEPS) {
        const response = await agent.post(`/backoffice/risk/alerts/${alert.id}/${step}`, form)
        assert.equal(response.status(), 403, `${role} ${step}`)
      }
      assert.include(await alertRow(alert.id), { status: 'open', assignee_id: null })
      assert.equal((await accountRow(account!.id)).status, 'active')
      assert.deepEqual((await activityOf(alert.id)).map((l) => l.action), ['raised'])
      assert.isAtLeast((await db.from('audit_events').where('action', 'authorization.denied').whereLike('subject_id', 'backoffice.risk.alerts.%')).length, STEPS.length)
    })
  }
})
