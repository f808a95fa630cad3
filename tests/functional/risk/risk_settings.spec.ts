import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'
import type { StaffRole } from '#domain/staff/permissions'
import { refusalOn, resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import type { StaffAgent } from '#tests/helpers/staff_agent'

/**
 * Risk settings over HTTP: a change is requested by one administrator and
 * written as the next version only when another approves it. The tests
 * share the database with every other suite, so each change they make is
 * behaviourally empty (a typology weighing a rule 0 at every band adds
 * nothing to any score) and they read the active version instead of
 * assuming version 1.
 */
const SETTINGS = '/backoffice/risk/settings'
const queries = new RiskConfigurationQueries()

/** The active configuration with a zero weight added (or removed): a change that scores nothing differently */
async function harmlessChange(): Promise<RiskConfiguration> {
  const config = structuredClone(await queries.active())
  const mule = config.typologies.find((t) => t.id === 'money_mule') ?? config.typologies[0]
  if (mule.weights.new_payee_large) delete mule.weights.new_payee_large
  else mule.weights.new_payee_large = { low: 0, medium: 0, high: 0 }
  return config
}

function request(agent: StaffAgent, configuration: unknown, options: { json?: boolean; key?: string } = {}) {
  const form = { configuration: JSON.stringify(configuration), reason: 'Tuning after review', idempotency_key: options.key ?? randomUUID() }
  return agent.post(SETTINGS, form, { json: options.json })
}

async function pendingChanges() {
  return db.from('approvals').where('kind', 'risk.configuration_change').where('status', 'pending').orderBy('id', 'desc')
}

test.group('Risk settings: four-eyes versions', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('an admin requests a change, a second admin approves it: the next version is active and audited', async ({ client, assert }) => {
    const { agent: maker, staff: makerStaff } = await signedInStaff(client, 'admin')
    const { agent: checker, staff: checkerStaff } = await signedInStaff(client, 'admin')
    const base = await queries.activeVersion()
    const page = await maker.get(SETTINGS, { inertia: true })
    page.assertStatus(200)
    assert.equal(page.inertiaProps.configuration.version, base)
    assert.lengthOf(page.inertiaProps.rules, 8)

    const response = await request(maker, await harmlessChange())
    response.assertHeader('location', SETTINGS)
    assert.match((await maker.flashAfter(response)).success!, /Another administrator must approve/)
    assert.equal(await queries.activeVersion(), base, 'nothing applies before approval')
    const [approval] = await pendingChanges()
    assert.equal(String(approval.maker_id), String(makerStaff.id))
    assert.equal(approval.payload.baseVersion, base)
    assert.match(approval.payload.changes.join('\n'), /typologies\.money_mule\.weights\.new_payee_large/)

    const inbox = await checker.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    inbox.assertStatus(200)
    assert.include(JSON.stringify(inbox.inertiaProps), 'new_payee_large')
    const approved = await checker.post(`/backoffice/approvals/${approval.id}/approve`, { reason: 'Reviewed' })
    approved.assertStatus(302)
    assert.isNull((await checker.flashAfter(approved)).error)

    assert.equal(await queries.activeVersion(), base + 1)
    const row = await db.from('risk_configurations').where('version', base + 1).firstOrFail()
    assert.containsSubset(row, {
      requested_by: String(makerStaff.id),
      approved_by: String(checkerStaff.id),
      approval_id: String(approval.id),
      note: 'Tuning after review',
    })
    assert.equal(row.configuration.version, base + 1)
    const audit = await db.from('audit_events').where('action', 'risk.configuration.changed').where('subject_id', String(base + 1))
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_id, String(makerStaff.id))

    const history = (await maker.get(SETTINGS, { inertia: true })).inertiaProps.versions
    assert.equal(history[0].version, base + 1)
    assert.equal(history[0].approvedBy, checkerStaff.fullName)
    assert.isNotEmpty(history[0].changes)
  })

  test('the maker cannot approve their own change', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const base = await queries.activeVersion()
    await request(agent, await harmlessChange())
    const [approval] = await pendingChanges()

    /* ApprovalPolicy refuses the maker before DecideApproval would (MakerCannotApprove) */
    ;(await agent.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(403)
    assert.equal((await db.from('approvals').where('id', approval.id).firstOrFail()).status, 'pending')
    assert.equal(await queries.activeVersion(), base)
  })

  test('an invalid configuration is a 422 naming each setting, and nothing is requested', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const base = await queries.activeVersion()
    const before = (await pendingChanges()).length
    const bad = structuredClone(await queries.active()) as any
    bad.rules.velocity.params.mediumCount = 'five'
    const ml = bad.typologies.findIndex((t: any) => t.kind === 'money_laundering')
    bad.typologies[ml].blockThreshold = 300

    const response = await request(agent, bad, { json: true })
    response.assertStatus(422)
    const fields = JSON.parse(response.text()).errors.map((e: { field: string }) => e.field)
    assert.includeMembers(fields, ['configuration.rules.velocity.params.mediumCount', `configuration.typologies.${ml}.blockThreshold`])

    /* the page's own (Inertia) submission goes back to the form with the errors by field */
    await request(agent, bad)
    const { errors } = await refusalOn(agent, SETTINGS)
    assert.match(errors[`configuration.typologies.${ml}.blockThreshold`], /never block/)

    assert.equal((await request(agent, '{not json', { json: true })).status(), 422)
    assert.lengthOf(await pendingChanges(), before)
    assert.equal(await queries.activeVersion(), base)
  })

  test('an unchanged or outdated configuration is refused with a message', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const before = (await pendingChanges()).length
    await request(agent, await queries.active())
    assert.match((await refusalOn(agent, SETTINGS)).flash.error!, /same as the active one/)

    const stale = { ...(await harmlessChange()), version: (await queries.activeVersion()) + 7 }
    await request(agent, stale)
    assert.match((await refusalOn(agent, SETTINGS)).flash.error!, /changed since/)
    assert.lengthOf(await pendingChanges(), before)
  })

  test('of two changes from the same version, the second approval is refused and stays pending', async ({ client, assert }) => {
    const { agent: makerA } = await signedInStaff(client, 'admin')
    const { agent: makerB } = await signedInStaff(client, 'admin')
    const { agent: checker } = await signedInStaff(client, 'admin')
    const base = await queries.activeVersion()
    const change = await harmlessChange()
    await request(makerA, change)
    const [first] = await pendingChanges()
    await request(makerB, change)
    const [second] = await pendingChanges()
    assert.notEqual(first.id, second.id)

    await checker.post(`/backoffice/approvals/${first.id}/approve`, {})
    assert.equal(await queries.activeVersion(), base + 1)
    await checker.post(`/backoffice/approvals/${second.id}/approve`, {})
    const { flash } = await refusalOn(checker, `/backoffice/approvals/${second.id}`)
    assert.match(flash.error!, /changed since/)
    assert.equal((await db.from('approvals').where('id', second.id).firstOrFail()).status, 'pending')
    assert.equal(await queries.activeVersion(), base + 1)
  })

  for (const role of ['compliance', 'teller', 'loan_officer', 'auditor'] as StaffRole[]) {
    test(`a ${role} may neither see the settings nor request a change (403)`, async ({ client, assert }) => {
      const { agent } = await signedInStaff(client, role)
      const base = await queries.activeVersion()
      const before = (await pendingChanges()).length
      ;(await agent.get(SETTINGS, { inertia: true })).assertStatus(403)
      ;(await request(agent, await harmlessChange())).assertStatus(403)
      assert.lengthOf(await pendingChanges(), before)
      assert.equal(await queries.activeVersion(), base)
    })
  }

  test('versions are append-only: the application role may insert and read, never change or delete', async ({ assert }) => {
    const [row] = await db.from('risk_configurations').orderBy('version').limit(1)
    assert.isDefined(row)
    await assert.rejects(() => db.from('risk_configurations').where('id', row.id).update({ note: 'rewritten' }))
    await assert.rejects(() => db.from('risk_configurations').where('id', row.id).delete())
    assert.equal((await db.from('risk_configurations').where('id', row.id).firstOrFail()).note, row.note)
  })
})
