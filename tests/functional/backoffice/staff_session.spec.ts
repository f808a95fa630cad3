import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import { EXPIRY_MESSAGES } from '#services/auth/staff_session'
import { auditRows, auditAbout } from '#tests/helpers/audit'
import { resetLoginThrottle, secondSession, signedInStaff, sleep, withSessionLimits } from '#tests/helpers/backoffice'
import { PASSWORD, createStaff, staffRow } from '#tests/helpers/staff'

test.group('Staff sessions: idle and absolute timeouts', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('signs out an idle session, audits it and says why on the login page', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client)
    await withSessionLimits({ idleMinutes: 0.02 }, async () => {
      ;(await agent.get('/backoffice', { inertia: true })).assertStatus(200)
      await sleep(1400)
      const expired = await agent.get('/backoffice', { inertia: true })
      expired.assertStatus(302)
      expired.assertHeader('location', '/backoffice/login')
      assert.equal((await agent.flashAfter(expired)).error, EXPIRY_MESSAGES.idle)
    })

    const [row] = await auditAbout('staff.session.expired', staff.id)
    assert.equal(row.actor_id, String(staff.id))
    assert.equal(row.metadata.reason, 'idle')
    assert.isString(row.metadata.last_seen_at)
    const again = await agent.get('/backoffice', { inertia: true })
    again.assertHeader('location', '/backoffice/login')
    assert.lengthOf(await auditAbout('staff.session.expired', staff.id), 1, 'logged out, not expired twice')
  })

  test('keeps an active session alive until its absolute limit, then ends it', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client)
    await withSessionLimits({ idleMinutes: 30, maxHours: 0.0006 }, async () => {
      for (let i = 0; i < 3; i++) {
        ;(await agent.get('/backoffice', { inertia: true })).assertStatus(200)
        await sleep(300)
      }
      await sleep(1500)
      const expired = await agent.get('/backoffice/profile', { inertia: true })
      expired.assertHeader('location', '/backoffice/login')
      assert.equal((await agent.flashAfter(expired)).error, EXPIRY_MESSAGES.absolute)
    })
    const [row] = await auditAbout('staff.session.expired', staff.id)
    assert.equal(row.metadata.reason, 'absolute')
  })

  test('answers 401 to a JSON client whose session expired', async ({ client }) => {
    const { agent } = await signedInStaff(client)
    await withSessionLimits({ idleMinutes: 0.01 }, async () => {
      await sleep(800)
      const response = await agent.get('/backoffice', { json: true })
      response.assertStatus(401)
      response.assertBodyContains({ code: 'E_UNAUTHORIZED_ACCESS' })
    })
  })
})

test.group('Staff sessions: sign out other sessions', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('the profile button ends the other sessions and keeps this one', async ({ client, assert }) => {
    const { agent, staff, recoveryCodes } = await signedInStaff(client)
    const other = await secondSession(client, staff.email, recoveryCodes[0])
    ;(await other.get('/backoffice/profile', { inertia: true })).assertStatus(200)

    const response = await agent.post('/backoffice/profile/sign-out-others', {})
    response.assertHeader('location', '/backoffice/profile')
    assert.match((await agent.flashAfter(response)).success!, /other sessions were signed out/)

    ;(await agent.get('/backoffice/profile', { inertia: true })).assertStatus(200)
    const kicked = await other.get('/backoffice/profile', { inertia: true })
    kicked.assertHeader('location', '/backoffice/login')
    assert.equal((await other.flashAfter(kicked)).error, EXPIRY_MESSAGES.revoked)
    assert.equal((await staffRow(staff.id)).session_version, 2)
    const [revoked] = await auditAbout('staff.sessions.revoked', staff.id)
    assert.equal(revoked.actor_id, String(staff.id))
    assert.deepEqual(revoked.after, { session_version: 2 })
    const [expired] = await auditAbout('staff.session.expired', staff.id)
    assert.equal(expired.metadata.reason, 'revoked')
  })

  test('a password change ends the other sessions and keeps this one', async ({ client, assert }) => {
    const { agent, staff, recoveryCodes } = await signedInStaff(client)
    const other = await secondSession(client, staff.email, recoveryCodes[0])
    const response = await agent.post('/backoffice/profile/password', {
      current_password: PASSWORD,
      password: 'twelve chars at least',
      password_confirmation: 'twelve chars at least',
    })
    response.assertHeader('location', '/backoffice/profile')
    ;(await agent.get('/backoffice/profile', { inertia: true })).assertStatus(200)
    ;(await other.get('/backoffice', { inertia: true })).assertHeader('location', '/backoffice/login')
    const row = await staffRow(staff.id)
    assert.isTrue(await hash.verify(row.password, 'twelve chars at least'))
    assert.isNotNull(row.password_changed_at)
    assert.lengthOf(await auditRows('staff.password.changed', staff.id), 1)
  })

  test('deactivation by an admin ends the staff member\'s sessions at once', async ({ client, assert }) => {
    const { agent: admin } = await signedInStaff(client, 'admin')
    const { agent: teller, staff } = await signedInStaff(client, 'teller')
    ;(await teller.get('/backoffice', { inertia: true })).assertStatus(200)

    const response = await admin.post(`/backoffice/staff/${staff.id}/deactivate`, {})
    response.assertHeader('location', `/backoffice/staff/${staff.id}`)
    ;(await teller.get('/backoffice', { inertia: true })).assertHeader('location', '/backoffice/login')
    const row = await staffRow(staff.id)
    assert.isFalse(row.is_active)
    assert.equal(row.session_version, 2)
  })

  test('a session signed in before the version was bumped elsewhere is refused', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const { StaffAgent } = await import('#tests/helpers/staff_agent')
    const agent = new StaffAgent(client)
    await agent.signIn(staff.email, secret)
    await staff.merge({ sessionVersion: 7 }).save()
    const response = await agent.get('/backoffice', { inertia: true })
    response.assertHeader('location', '/backoffice/login')
    assert.equal((await agent.flashAfter(response)).error, EXPIRY_MESSAGES.revoked)
  })
})
