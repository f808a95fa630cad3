import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import { pendingRoleChange, pendingTwoFactorReset } from '#tests/helpers/approvals'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { createStaff, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

async function signedIn(client: any, role: StaffRole = 'admin') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertStatus(302)
  return { agent, staff }
}

const approvalRow = (id: number) => db.from('approvals').where('id', id).firstOrFail()
const auditOf = (approvalId: number) =>
  db.from('audit_events').where('subject_type', 'approval').where('subject_id', String(approvalId)).orderBy('id')

test.group('Backoffice approvals inbox', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('lists pending approvals by default with kind label, maker, age and a per-row decide flag', async ({ client, assert }) => {
    const { agent: makerAgent, staff: maker } = await signedIn(client, 'admin')
    const { agent: checkerAgent } = await signedIn(client, 'admin')
    const { approval } = await pendingRoleChange(maker)

    const asChecker = await checkerAgent.get('/backoffice/approvals?kind=staff.role_change&sort=created_at&direction=desc', { inertia: true })
    asChecker.assertStatus(200)
    asChecker.assertInertiaComponent('backoffice/approvals/index')
    asChecker.assertInertiaPropsContains({ filters: { status: 'pending', kind: 'staff.role_change', sort: 'created_at', direction: 'desc' } })
    const props = asChecker.inertiaProps
    const row = props.approvals.data.find((r: any) => r.id === Number(approval.id))
    assert.containsSubset(row, {
      kind: 'staff.role_change',
      kindLabel: 'Role change',
      summary: approval.summary,
      status: 'pending',
      maker: { id: Number(maker.id), email: maker.email, fullName: maker.fullName },
      age: '0 min',
      url: `/backoffice/approvals/${approval.id}`,
      can: { decide: true },
    })
    assert.isTrue(props.approvals.data.every((r: any) => r.status === 'pending' && r.kind === 'staff.role_change'))
    const pending = await db.from('approvals').where('status', 'pending').where('kind', 'staff.role_change').count('* as n')
    assert.equal(props.approvals.metadata.total, Number(pending[0].n))
    assert.equal(props.counts.pending, Number(pending[0].n))

    const asMaker = await makerAgent.get('/backoffice/approvals?kind=staff.role_change&sort=created_at&direction=desc', { inertia: true })
    const own = asMaker.inertiaProps.approvals.data.find((r: any) => r.id === Number(approval.id))
    assert.isFalse(own.can.decide, 'the maker never gets the buttons on their own request')
  })

  test('paginates and sorts on the server, and shows decided approvals in their tab', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'compliance')
    const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
    const created = []
    for (let i = 0; i < 6; i++) created.push((await pendingRoleChange(maker)).approval)

    const page1 = await agent.get('/backoffice/approvals?status=pending&sort=created_at&direction=desc&perPage=5', { inertia: true })
    const { data, metadata } = page1.inertiaProps.approvals
    assert.containsSubset(metadata, { perPage: 5, currentPage: 1 })
    assert.lengthOf(data, 5)
    const expected = await db.from('approvals').where('status', 'pending').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(5)
    assert.deepEqual(data.map((r: any) => r.id), expected.map((r) => Number(r.id)))
    assert.isTrue(data.every((r: any) => r.can.decide === false), 'compliance cannot decide staff approvals')

    const page2 = await agent.get('/backoffice/approvals?status=pending&sort=created_at&direction=desc&perPage=5&page=2', { inertia: true })
    assert.equal(page2.inertiaProps.approvals.metadata.currentPage, 2)
    assert.notInclude(page2.inertiaProps.approvals.data.map((r: any) => r.id), data[0].id)

    await db.from('approvals').where('id', created[0].id).update({
      status: 'rejected', checker_id: (await createStaff({ role: 'admin' })).staff.id, decided_at: new Date(), decision_reason: 'x',
    })
    const rejected = await agent.get('/backoffice/approvals?status=rejected&perPage=100', { inertia: true })
    assert.equal(rejected.inertiaProps.filters.direction, 'desc')
    assert.include(rejected.inertiaProps.approvals.data.map((r: any) => r.id), Number(created[0].id))
    assert.isTrue(rejected.inertiaProps.approvals.data.every((r: any) => r.status === 'rejected'))

    /* invalid filters: a 422 page naming them (a GET has no form to go back to) */
    const invalid = await agent.get('/backoffice/approvals?status=bogus', { inertia: true })
    invalid.assertStatus(422)
    invalid.assertInertiaComponent('backoffice/errors/error')
  })

  test('shows the payload readably, the maker reason, and decide buttons only for an allowed checker', async ({ client }) => {
    const { agent: makerAgent, staff: maker } = await signedIn(client, 'admin')
    const { agent: checkerAgent } = await signedIn(client, 'admin')
    const { agent: auditorAgent } = await signedIn(client, 'auditor')
    const { approval, target } = await pendingRoleChange(maker, 'Joins compliance in May')

    const page = await checkerAgent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    page.assertStatus(200)
    page.assertInertiaComponent('backoffice/approvals/show')
    page.assertInertiaPropsContains({
      approval: {
        id: Number(approval.id),
        kindLabel: 'Role change',
        makerReason: 'Joins compliance in May',
        decisionReason: null,
        result: null,
        subject: { type: 'staff', id: String(target.id) },
        payload: [
          { label: 'Staff id', value: String(target.id) },
          { label: 'From role', value: 'Teller (teller)' },
          { label: 'To role', value: 'Compliance (compliance)' },
        ],
      },
      can: { approve: true, reject: true },
      urls: {
        approve: `/backoffice/approvals/${approval.id}/approve`,
        reject: `/backoffice/approvals/${approval.id}/reject`,
      },
    })
    const mine = await makerAgent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    mine.assertInertiaPropsContains({ can: { approve: false, reject: false } })
    const auditor = await auditorAgent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    auditor.assertInertiaPropsContains({ can: { approve: false, reject: false } })

    ;(await checkerAgent.get('/backoffice/approvals/999999999', { inertia: true })).assertStatus(404)
  })

  test('the maker gets 403 on their own request and it stays pending', async ({ client, assert }) => {
    const { agent, staff: maker } = await signedIn(client, 'admin')
    const { approval, target } = await pendingRoleChange(maker)

    for (const verb of ['approve', 'reject']) {
      const response = await agent.post(`/backoffice/approvals/${approval.id}/${verb}`, { reason: 'Looks fine to me' })
      response.assertStatus(403)
    }
    assert.containsSubset(await approvalRow(approval.id), { status: 'pending', checker_id: null })
    assert.equal((await staffRow(target.id)).role, 'teller')
    assert.deepEqual((await auditOf(approval.id)).map((e) => e.action), ['approval.requested'])
    const denied = await db.from('audit_events').where('action', 'authorization.denied').where('actor_id', String(maker.id))
    assert.lengthOf(denied, 2)
  })

  for (const role of ['teller', 'auditor', 'compliance'] as StaffRole[]) {
    test(`a ${role} (no staff-decision permission) gets 403 and nothing changes`, async ({ client, assert }) => {
      const { agent } = await signedIn(client, role)
      const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
      const { approval } = await pendingRoleChange(maker)
      ;(await agent.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(403)
      ;(await agent.post(`/backoffice/approvals/${approval.id}/reject`, { reason: 'No way' })).assertStatus(403)
      assert.equal((await approvalRow(approval.id)).status, 'pending')
      assert.deepEqual((await auditOf(approval.id)).map((e) => e.action), ['approval.requested'])
    })
  }

  test('rejection changes only the approval row and writes one audit row', async ({ client, assert }) => {
    const { agent, staff: checker } = await signedIn(client, 'admin')
    const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
    const { approval, target } = await pendingRoleChange(maker)
    const before = await staffRow(target.id)

    const response = await agent.post(`/backoffice/approvals/${approval.id}/reject`, { reason: 'Not agreed with HR' })
    response.assertStatus(302)
    response.assertHeader('location', `/backoffice/approvals/${approval.id}`)
    assert.equal((await agent.flashAfter(response)).success, `Rejected: ${approval.summary}`)

    assert.containsSubset(await approvalRow(approval.id), {
      status: 'rejected', checker_id: String(checker.id), decision_reason: 'Not agreed with HR', result: null,
    })
    assert.deepEqual(await staffRow(target.id), before, 'the target staff member is untouched')
    const events = await auditOf(approval.id)
    assert.deepEqual(events.map((e) => e.action), ['approval.requested', 'approval.rejected'])
    assert.containsSubset(events[1], { actor_type: 'staff', actor_id: String(checker.id) })
    assert.deepEqual(events[1].after, { status: 'rejected', reason: 'Not agreed with HR', result: null })
    assert.lengthOf(await db.from('audit_events').where('action', 'staff.role.changed').where('subject_id', String(target.id)), 0)

    const shown = await agent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    shown.assertInertiaPropsContains({
      approval: { status: 'rejected', decisionReason: 'Not agreed with HR', checker: { id: Number(checker.id) } },
      can: { approve: false, reject: false },
    })
  })

  test('a rejection needs a reason', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'admin')
    const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
    const { approval } = await pendingRoleChange(maker)
    await agent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    const response = await agent.post(`/backoffice/approvals/${approval.id}/reject`, { reason: ' ' })
    response.assertStatus(302)
    const next = await agent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    assert.property(next.inertiaProps.errors, 'reason')
    assert.equal((await approvalRow(approval.id)).status, 'pending')
  })

  test('approving executes the request once, in the maker\'s name, with its audit rows', async ({ client, assert }) => {
    const { agent, staff: checker } = await signedIn(client, 'admin')
    const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
    const { approval, target } = await pendingRoleChange(maker)

    const response = await agent.post(`/backoffice/approvals/${approval.id}/approve`, { reason: 'Confirmed with HR' })
    response.assertStatus(302)
    assert.equal((await agent.flashAfter(response)).success, `Approved and executed: ${approval.summary}`)

    assert.equal((await staffRow(target.id)).role, 'compliance')
    const row = await approvalRow(approval.id)
    assert.containsSubset(row, { status: 'approved', checker_id: String(checker.id), decision_reason: 'Confirmed with HR' })
    assert.isNotNull(row.result)
    assert.deepEqual((await auditOf(approval.id)).map((e) => e.action), ['approval.requested', 'approval.approved'])
    const changed = await db.from('audit_events').where('action', 'staff.role.changed').where('subject_id', String(target.id))
    assert.lengthOf(changed, 1)
    assert.equal(changed[0].actor_id, String(maker.id))
  })

  test('a second decision on a decided approval flashes "already decided" and executes nothing', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'admin')
    const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
    const { approval, target } = await pendingTwoFactorReset(maker)

    const first = await agent.post(`/backoffice/approvals/${approval.id}/reject`, { reason: 'Identity not confirmed' })
    assert.isNull((await agent.flashAfter(first)).error)
    const second = await agent.post(`/backoffice/approvals/${approval.id}/approve`, {})
    second.assertStatus(302)
    const page = await agent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    assert.equal(page.inertiaProps.flash.error, 'This approval has already been decided.')

    assert.equal((await approvalRow(approval.id)).status, 'rejected')
    assert.isNotNull((await staffRow(target.id)).totp_secret, 'the 2FA reset never ran')
    assert.deepEqual((await auditOf(approval.id)).map((e) => e.action), ['approval.requested', 'approval.rejected'])
  })
})
