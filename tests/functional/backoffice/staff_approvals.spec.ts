import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Approval from '#models/approval'
import StaffUser from '#models/staff_user'
import DecideApproval from '#actions/approvals/decide_approval'
import MakerCannotApproveException from '#exceptions/maker_cannot_approve_exception'
import StaffRoleChangedMeanwhileException from '#exceptions/staff_role_changed_meanwhile_exception'
import { auditAbout } from '#tests/helpers/audit'
import { resetLoginThrottle, refusalOn, signedInStaff } from '#tests/helpers/backoffice'
import { createStaff, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

const context = { ip: '127.0.0.1', requestId: 'test' }

async function decide(approvalId: number, checker: StaffUser, decision: 'approve' | 'reject', reason?: string) {
  const action = await app.container.make(DecideApproval)
  return action.handle({ approvalId, checker, decision, reason, context })
}

async function pendingFor(kind: string, staffId: number | bigint) {
  return Approval.query().where('kind', kind).where('subject_id', String(staffId)).orderBy('id')
}

test.group('Staff four-eyes: role change', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a requested role change stays pending, then runs once when another admin approves', async ({ client, assert }) => {
    const { agent, staff: adminA } = await signedInStaff(client, 'admin')
    const { staff: adminB } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
    const key = randomUUID()

    const response = await agent.post(`/backoffice/staff/${target.id}/role`, { role: 'compliance', reason: 'joins compliance', idempotency_key: key })
    response.assertHeader('location', `/backoffice/staff/${target.id}`)
    assert.match((await agent.flashAfter(response)).success!, /Another administrator must approve/)
    await agent.post(`/backoffice/staff/${target.id}/role`, { role: 'compliance', idempotency_key: key })

    const [approval, ...others] = await pendingFor('staff.role_change', target.id)
    assert.lengthOf(others, 0, 'a resubmitted form files one request')
    assert.equal(approval.status, 'pending')
    assert.deepEqual(approval.payload, { staffId: Number(target.id), fromRole: 'teller', toRole: 'compliance' })
    assert.equal(approval.makerId, Number(adminA.id))
    assert.equal((await staffRow(target.id)).role, 'teller')
    const page = await agent.get(`/backoffice/staff/${target.id}`, { inertia: true })
    assert.lengthOf(page.inertiaProps.pendingApprovals, 1)

    await assert.rejects(() => decide(approval.id, adminA, 'approve'), MakerCannotApproveException as any)
    assert.equal((await staffRow(target.id)).role, 'teller')

    const decided = await decide(approval.id, adminB, 'approve')
    assert.equal(decided.status, 'approved')
    assert.deepEqual(decided.result, { staffId: Number(target.id), fromRole: 'teller', toRole: 'compliance' })
    const row = await staffRow(target.id)
    assert.equal(row.role, 'compliance')
    assert.equal(row.session_version, 2, 'their open sessions end; the new role applies at next sign-in')
    const [audit, ...more] = await auditAbout('staff.role.changed', target.id)
    assert.lengthOf(more, 0)
    assert.equal(audit.actor_id, String(adminA.id))
    assert.deepEqual([audit.before, audit.after], [{ role: 'teller' }, { role: 'compliance' }])
    assert.equal(audit.metadata.approved_by, String(adminB.id))

    await assert.rejects(() => decide(approval.id, adminB, 'approve'))
    assert.lengthOf(await auditAbout('staff.role.changed', target.id), 1, 'executed once')
  })

  test('a rejected role change changes nothing', async ({ assert }) => {
    const { staff: adminA } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: adminB } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: target } = await createStaff({ role: 'auditor', enrolled: true })
    const { default: RequestStaffRoleChange } = await import('#actions/staff/request_staff_role_change')
    const { approval } = await (await app.container.make(RequestStaffRoleChange)).handle({
      maker: adminA, staffId: Number(target.id), toRole: 'admin', idempotencyKey: randomUUID(), context,
    })
    const before = await staffRow(target.id)

    const decided = await decide(approval.id, adminB, 'reject', 'not justified')
    assert.equal(decided.status, 'rejected')
    assert.deepEqual(await staffRow(target.id), before)
    assert.lengthOf(await auditAbout('staff.role.changed', target.id), 0)
  })

  test('approval re-checks the target: a role changed meanwhile fails and the request stays pending', async ({ assert }) => {
    const { staff: adminA } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: adminB } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
    const { default: RequestStaffRoleChange } = await import('#actions/staff/request_staff_role_change')
    const { approval } = await (await app.container.make(RequestStaffRoleChange)).handle({
      maker: adminA, staffId: Number(target.id), toRole: 'compliance', idempotencyKey: randomUUID(), context,
    })
    await db.from('staff_users').where('id', target.id).update({ role: 'auditor' })

    await assert.rejects(() => decide(approval.id, adminB, 'approve'), StaffRoleChangedMeanwhileException as any)
    await approval.refresh()
    assert.equal(approval.status, 'pending')
    assert.equal((await staffRow(target.id)).role, 'auditor')
  })

  test('refuses a role change to the role the person already has', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const { staff: target } = await createStaff({ role: 'teller' })
    await agent.post(`/backoffice/staff/${target.id}/role`, { role: 'teller', idempotency_key: randomUUID() })
    assert.equal((await refusalOn(agent, `/backoffice/staff/${target.id}`)).flash.error, 'This staff member already has that role.')
    assert.lengthOf(await pendingFor('staff.role_change', target.id), 0)
  })
})

test.group('Staff four-eyes: two-factor reset', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('once approved by another admin, the second factor is cleared and the person re-enrols at next sign-in', async ({ client, assert }) => {
    const { agent, staff: adminA } = await signedInStaff(client, 'admin')
    const { staff: adminB } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: target, secret } = await createStaff({ role: 'teller', enrolled: true })
    const targetAgent = new StaffAgent(client)
    await targetAgent.signIn(target.email, secret)

    await agent.post(`/backoffice/staff/${target.id}/reset-two-factor`, { reason: 'lost phone', idempotency_key: randomUUID() })
    const [approval] = await pendingFor('staff.reset_2fa', target.id)
    assert.deepEqual(approval.payload, { staffId: Number(target.id) })
    assert.isNotNull((await staffRow(target.id)).totp_secret, 'nothing changes before approval')
    await assert.rejects(() => decide(approval.id, adminA, 'approve'), MakerCannotApproveException as any)

    await decide(approval.id, adminB, 'approve')
    const row = await staffRow(target.id)
    assert.containsSubset(row, { totp_secret: null, totp_enabled_at: null, totp_last_time_step: null, session_version: 2 })
    assert.deepEqual(row.recovery_codes, [])
    const [audit] = await auditAbout('staff.two_factor.reset', target.id)
    assert.equal(audit.actor_id, String(adminA.id))
    assert.equal(audit.metadata.approved_by, String(adminB.id))

    ;(await targetAgent.get('/backoffice', { inertia: true })).assertHeader('location', '/backoffice/login')
    const relogin = new StaffAgent(client)
    await relogin.loginWithPassword(target.email)
    ;(await relogin.get('/backoffice/two-factor', { inertia: true })).assertInertiaComponent('backoffice/auth/two_factor_enrol')
  })

  test('a rejected reset changes nothing; a person without a second factor cannot be reset', async ({ client, assert }) => {
    const { agent, staff: adminA } = await signedInStaff(client, 'admin')
    const { staff: adminB } = await createStaff({ role: 'admin', enrolled: true })
    const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
    await agent.post(`/backoffice/staff/${target.id}/reset-two-factor`, { idempotency_key: randomUUID() })
    const [approval] = await pendingFor('staff.reset_2fa', target.id)
    assert.equal(approval.makerId, Number(adminA.id))
    const before = await staffRow(target.id)
    await decide(approval.id, adminB, 'reject')
    assert.deepEqual(await staffRow(target.id), before)

    const { staff: fresh } = await createStaff({ role: 'teller' })
    await agent.post(`/backoffice/staff/${fresh.id}/reset-two-factor`, { idempotency_key: randomUUID() })
    assert.match((await refusalOn(agent, `/backoffice/staff/${fresh.id}`)).flash.error!, /no second factor to reset/)
    assert.lengthOf(await pendingFor('staff.reset_2fa', fresh.id), 0)
  })
})
