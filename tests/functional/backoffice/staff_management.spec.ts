import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import StaffInvitationMail from '#mails/staff_invitation_mail'
import { staffMailSettled } from '#services/mail/staff_mail'
import { StaffUserFactory } from '#database/factories/staff_user_factory'
import { auditAbout } from '#tests/helpers/audit'
import { resetLoginThrottle, refusalOn, signedInStaff } from '#tests/helpers/backoffice'
import { createStaff, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

test.group('Staff & roles: list and pages', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('lists staff with search, role and status filters, sorting and pagination on the server', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const tag = randomUUID().slice(0, 8)
    for (const [i, role] of (['teller', 'teller', 'auditor'] as const).entries()) {
      await StaffUserFactory.apply(role).merge({ email: `${tag}-${i}@strongroom.test`, fullName: `Zed ${tag} ${i}`, isActive: i !== 1 }).create()
    }
    const page = await agent.get(`/backoffice/staff?q=${tag}&role=teller&sort=name&direction=desc&perPage=5`, { inertia: true })
    page.assertInertiaComponent('backoffice/staff/index')
    page.assertInertiaPropsContains({
      filters: { q: tag, role: 'teller', status: '', sort: 'name', direction: 'desc', perPage: 5 },
      can: { viewStaff: true, manageStaff: true },
      urls: { index: '/backoffice/staff', create: '/backoffice/staff/create' },
    })
    const { data, metadata } = page.inertiaProps.staff
    assert.deepEqual(data.map((m: any) => m.fullName), [`Zed ${tag} 1`, `Zed ${tag} 0`])
    assert.containsSubset(data[0], { role: 'teller', roleLabel: 'Teller', status: 'inactive', twoFactorEnrolled: false })
    assert.notProperty(data[0], 'password')
    assert.containsSubset(metadata, { total: 2, perPage: 5, currentPage: 1 })

    const inactive = await agent.get(`/backoffice/staff?q=${tag}&status=inactive`, { inertia: true })
    assert.deepEqual(inactive.inertiaProps.staff.data.map((m: any) => m.email), [`${tag}-1@strongroom.test`])
    const paged = await agent.get(`/backoffice/staff?q=${tag}&perPage=5&page=2`, { inertia: true })
    assert.lengthOf(paged.inertiaProps.staff.data, 0)
  })

  test('a teller is refused Staff & roles (403, audited) and the navigation hides it', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client, 'teller')
    const refused = await agent.get('/backoffice/staff', { inertia: true })
    refused.assertStatus(403)
    refused.assertInertiaComponent('backoffice/errors/error')
    const denied = await db.from('audit_events').where('action', 'authorization.denied').where('actor_id', String(staff.id))
    assert.equal(denied[0].subject_id, 'backoffice.staff.index')
    const home = await agent.get('/backoffice', { inertia: true })
    assert.notInclude(home.inertiaProps.nav.items.map((i: any) => i.href), '/backoffice/staff')
    const admin = await signedInStaff(client, 'admin')
    const adminHome = await admin.agent.get('/backoffice', { inertia: true })
    assert.include(adminHome.inertiaProps.nav.items.map((i: any) => i.href), '/backoffice/staff')
  })

  test('the show and create pages carry the StaffPolicy flags and the action URLs', async ({ client }) => {
    const { agent, staff: admin } = await signedInStaff(client, 'admin')
    const { staff } = await createStaff({ role: 'compliance', enrolled: true })
    const show = await agent.get(`/backoffice/staff/${staff.id}`, { inertia: true })
    show.assertInertiaComponent('backoffice/staff/show')
    show.assertInertiaPropsContains({
      member: { id: Number(staff.id), role: 'compliance', twoFactorEnrolled: true, status: 'active' },
      isSelf: false,
      pendingApprovals: [],
      can: { viewStaff: true, manageStaff: true },
      actions: {
        deactivate: `/backoffice/staff/${staff.id}/deactivate`,
        changeRole: `/backoffice/staff/${staff.id}/role`,
        resetTwoFactor: `/backoffice/staff/${staff.id}/reset-two-factor`,
      },
    })
    ;(await agent.get(`/backoffice/staff/${admin.id}`, { inertia: true })).assertInertiaPropsContains({ isSelf: true })
    const create = await agent.get('/backoffice/staff/create', { inertia: true })
    create.assertInertiaComponent('backoffice/staff/create')
    create.assertInertiaPropsContains({ actions: { store: '/backoffice/staff' }, can: { manageStaff: true } })
    ;(await agent.get('/backoffice/staff/999999999', { inertia: true })).assertStatus(404)
  })
})

test.group('Staff & roles: invitation (four-eyes), deactivation', (group) => {
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })
  group.each.setup(() => resetLoginThrottle())

  test('an invitation approved by another admin creates the member, who sets a password by the link and enrols TOTP at first sign-in', async ({ client, assert }) => {
    const fake = mail.fake()
    const { agent, staff: admin } = await signedInStaff(client, 'admin')
    const { agent: checker, staff: checkerAdmin } = await signedInStaff(client, 'admin')
    const email = `new-${randomUUID().slice(0, 8)}@strongroom.test`
    const response = await agent.post('/backoffice/staff', { full_name: 'Nora New', email, role: 'loan_officer', idempotency_key: randomUUID() })
    response.assertHeader('location', '/backoffice/staff')
    assert.equal(
      (await agent.flashAfter(response)).success,
      `Invitation of ${email} waiting for another administrator's approval. Nothing is sent before that.`
    )
    const approval = await db.from('approvals').where('kind', 'staff.invite').where('maker_id', admin.id).firstOrFail()
    const index = await agent.get('/backoffice/staff', { inertia: true })
    assert.deepInclude(
      index.inertiaProps.pendingInvitations.map((i: any) => [i.id, i.url]),
      [Number(approval.id), `/backoffice/approvals/${approval.id}`]
    )
    ;(await checker.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(302)
    await staffMailSettled()

    const row = await db.from('staff_users').where('email', email).firstOrFail()
    assert.containsSubset(row, { full_name: 'Nora New', role: 'loan_officer', is_active: true, totp_secret: null })
    const [audit] = await auditAbout('staff.invited', row.id)
    assert.equal(audit.actor_id, String(admin.id))
    assert.containsSubset(audit.after, { email, role: 'loan_officer' })
    assert.containsSubset(audit.metadata, { approval_id: String(approval.id), approved_by: String(checkerAdmin.id) })

    fake.mails.assertSentCount(StaffInvitationMail, 1)
    const [sent] = fake.mails.sent() as StaffInvitationMail[]
    sent.message.assertTo(email, 'Nora New')
    sent.message.assertTextIncludes(sent.setPasswordUrl)
    sent.message.assertTextIncludes('Loan officer')
    const [token] = await db.from('staff_password_tokens').where('staff_user_id', row.id)
    assert.equal(token.purpose, 'invitation')

    const invitee = await new StaffAgent(client).start()
    const path = new URL(sent.setPasswordUrl).pathname
    ;(await invitee.get(path, { inertia: true })).assertInertiaPropsContains({ valid: true, purpose: 'invitation' })
    await invitee.post(path, { password: 'my first passphrase', password_confirmation: 'my first passphrase' })
    assert.lengthOf(await auditAbout('staff.invitation.accepted', row.id), 1)
    ;(await invitee.loginWithPassword(email, 'my first passphrase')).assertHeader('location', '/backoffice/two-factor')
    const enrol = await invitee.get('/backoffice/two-factor', { inertia: true })
    enrol.assertInertiaComponent('backoffice/auth/two_factor_enrol')
  })

  test('refuses an email already in use, a second pending invitation for the same email and invalid input, creating nothing', async ({ client, assert }) => {
    const fake = mail.fake()
    const { agent } = await signedInStaff(client, 'admin')
    const { agent: other } = await signedInStaff(client, 'admin')
    const { staff } = await createStaff()
    await agent.post('/backoffice/staff', { full_name: 'Dup', email: staff.email.toUpperCase(), role: 'teller', idempotency_key: randomUUID() })
    assert.equal((await refusalOn(agent, '/backoffice/staff/create')).flash.error, 'A staff member with this email already exists.')

    const email = `twice-${randomUUID().slice(0, 8)}@strongroom.test`
    const key = randomUUID()
    await agent.post('/backoffice/staff', { full_name: 'Twice', email, role: 'teller', idempotency_key: key })
    await agent.post('/backoffice/staff', { full_name: 'Twice', email, role: 'teller', idempotency_key: key })
    await other.post('/backoffice/staff', { full_name: 'Twice', email: email.toUpperCase(), role: 'admin', idempotency_key: randomUUID() })
    assert.equal(
      (await refusalOn(other, '/backoffice/staff/create')).flash.error,
      "An invitation for this email is already waiting for another administrator's approval."
    )
    const pending = await db.from('approvals').where('kind', 'staff.invite').whereRaw("payload->>'email' = ?", [email])
    assert.lengthOf(pending, 1, 'a resubmitted form files one request; another admin cannot file a second')

    await agent.post('/backoffice/staff', { full_name: 'X', email: 'not-an-email', role: 'boss' })
    assert.properties((await refusalOn(agent, '/backoffice/staff/create')).errors, ['email', 'role', 'idempotency_key'])
    assert.isNull(await db.from('staff_users').whereRaw('lower(email) = ?', [email]).first())
    await staffMailSettled()
    fake.mails.assertNoneSent()
  })

  test('deactivates a staff member at once (audited); reactivation waits for another admin; an admin cannot deactivate themself', async ({ client, assert }) => {
    const { agent, staff: admin } = await signedInStaff(client, 'admin')
    const { agent: checker, staff: checkerAdmin } = await signedInStaff(client, 'admin')
    const { staff, secret } = await createStaff({ role: 'teller', enrolled: true })

    await agent.post(`/backoffice/staff/${staff.id}/deactivate`, {})
    assert.isFalse((await staffRow(staff.id)).is_active)
    const [off] = await auditAbout('staff.deactivated', staff.id)
    assert.deepEqual([off.before, off.after], [{ is_active: true }, { is_active: false }])
    ;(await new StaffAgent(client).signIn(staff.email, secret)).assertHeader('location', '/backoffice/login')

    const again = await agent.post(`/backoffice/staff/${staff.id}/deactivate`, {})
    again.assertStatus(302)
    assert.equal((await refusalOn(agent, `/backoffice/staff/${staff.id}`)).flash.error, 'This staff member is already deactivated.')

    const back = await agent.post(`/backoffice/staff/${staff.id}/reactivate`, { idempotency_key: randomUUID() })
    assert.equal((await agent.flashAfter(back)).success, "Reactivation waiting for another administrator's approval.")
    assert.isFalse((await staffRow(staff.id)).is_active, 'nothing changes before approval')
    const show = await agent.get(`/backoffice/staff/${staff.id}`, { inertia: true })
    const [pending] = show.inertiaProps.pendingApprovals
    assert.equal(pending.kind, 'staff.reactivate')
    ;(await checker.post(`/backoffice/approvals/${pending.id}/approve`, {})).assertStatus(302)
    assert.isTrue((await staffRow(staff.id)).is_active)
    const [on, ...more] = await auditAbout('staff.reactivated', staff.id)
    assert.lengthOf(more, 0)
    assert.equal(on.actor_id, String(admin.id))
    assert.equal(on.metadata.approved_by, String(checkerAdmin.id))

    await agent.post(`/backoffice/staff/${admin.id}/deactivate`, {})
    assert.match((await refusalOn(agent, `/backoffice/staff/${admin.id}`)).flash.error!, /cannot deactivate your own account/)
    assert.isTrue((await staffRow(admin.id)).is_active)
  })
})
