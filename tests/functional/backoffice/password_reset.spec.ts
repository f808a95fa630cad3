import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import StaffPasswordResetMail from '#mails/staff_password_reset_mail'
import { RESET_REQUESTED_MESSAGE } from '#controllers/backoffice/password_reset_controller'
import { PASSWORD_RESET_PER_IP } from '#services/rate_limiting/password_reset_throttle'
import { staffMailSettled } from '#services/mail/staff_mail'
import { auditAbout } from '#tests/helpers/audit'
import { resetLoginThrottle, refusalOn, resetPasswordResetThrottle } from '#tests/helpers/backoffice'
import { createStaff, nextCode, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

const NEW_PASSWORD = 'a long enough new passphrase'

async function requestReset(client: any, email: string) {
  const agent = await new StaffAgent(client).start()
  const response = await agent.post('/backoffice/forgot-password', { email })
  await staffMailSettled()
  return { agent, response }
}

/** The mailed link's path and token */
function linkOf(resetUrl: string) {
  const url = new URL(resetUrl)
  return { path: url.pathname, token: url.pathname.split('/').pop()! }
}

test.group('Password reset by mail', (group) => {
  group.each.setup(async () => {
    await resetLoginThrottle()
    await resetPasswordResetThrottle()
    mail.fake()
    return () => mail.restore()
  })

  test('the login page links to the forgot-password page, which renders', async ({ client }) => {
    const login = await client.get('/backoffice/login').withInertia()
    login.assertInertiaPropsContains({ actions: { forgotPassword: '/backoffice/forgot-password' } })
    const page = await client.get('/backoffice/forgot-password').withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('backoffice/auth/forgot_password')
    page.assertInertiaPropsContains({ actions: { request: '/backoffice/forgot-password', login: '/backoffice/login' } })
  })

  test('mails a single-use, 60-minute link to an active staff member; only its sha256 is stored', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const fake = mail.fake()
    const { agent, response } = await requestReset(client, staff.email.toUpperCase())

    response.assertHeader('location', '/backoffice/forgot-password')
    assert.equal((await agent.flashAfter(response)).success, RESET_REQUESTED_MESSAGE)
    fake.mails.assertSentCount(StaffPasswordResetMail, 1)
    const [sent] = fake.mails.sent() as StaffPasswordResetMail[]
    sent.message.assertTo(staff.email, staff.fullName)
    sent.message.assertSubject('Reset your Strongroom backoffice password')
    sent.message.assertTextIncludes(sent.resetUrl)
    sent.message.assertHtmlIncludes('Choose a new password')
    assert.match(sent.resetUrl, /^http:\/\/127\.0\.0\.1:\d+\/backoffice\/reset-password\/[A-Za-z0-9_-]{43}$/)

    const { token } = linkOf(sent.resetUrl)
    const [row] = await db.from('staff_password_tokens').where('staff_user_id', staff.id)
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('hex'))
    assert.notInclude(JSON.stringify(row), token)
    assert.equal(row.purpose, 'reset')
    const minutes = (new Date(row.expires_at).getTime() - Date.now()) / 60_000
    assert.isAbove(minutes, 58)
    assert.isAtMost(minutes, 60)
    const [audit] = await auditAbout('staff.password_reset.requested', staff.id)
    assert.equal(audit.metadata.outcome, 'mailed')
    assert.notInclude(JSON.stringify(audit), token)
  })

  test('answers the same to an unknown or inactive address, and mails nothing', async ({ client, assert }) => {
    const fake = mail.fake()
    const { staff: inactive } = await createStaff({ active: false })
    const unknown = `nobody-${Date.now()}@strongroom.test`
    for (const email of [unknown, inactive.email]) {
      const { agent, response } = await requestReset(client, email)
      response.assertHeader('location', '/backoffice/forgot-password')
      assert.equal((await agent.flashAfter(response)).success, RESET_REQUESTED_MESSAGE)
    }
    fake.mails.assertNoneSent()
    const [unknownRow] = await db
      .from('audit_events')
      .where('action', 'staff.password_reset.requested')
      .whereRaw("metadata->>'email' = ?", [unknown])
    assert.equal(unknownRow.metadata.outcome, 'unknown_email')
    assert.equal((await auditAbout('staff.password_reset.requested', inactive.id))[0].metadata.outcome, 'inactive')
    assert.lengthOf(await db.from('staff_password_tokens').where('staff_user_id', inactive.id), 0)
  })

  test('the link sets the password once, ends sessions, clears the lockout and is audited', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    await db.from('staff_users').where('id', staff.id).update({ failed_login_count: 0, locked_until: new Date(Date.now() + 600_000) })
    const forgetful = await new StaffAgent(client, { ip: '10.250.0.7' }).start()
    for (let i = 0; i < 6; i++) await forgetful.loginWithPassword(staff.email, `old guess ${i}`)
    const refused = await forgetful.post('/backoffice/login', { email: staff.email, password: 'x' }, { json: true })
    refused.assertStatus(429)
    const fake = mail.fake()
    await requestReset(client, staff.email)
    const [sent] = fake.mails.sent() as StaffPasswordResetMail[]
    const { path } = linkOf(sent.resetUrl)

    const agent = await new StaffAgent(client).start()
    const page = await agent.get(path, { inertia: true })
    page.assertInertiaComponent('backoffice/auth/reset_password')
    page.assertInertiaPropsContains({ valid: true, purpose: 'reset', passwordMinLength: 12, actions: { update: path } })

    const short = await agent.post(path, { password: 'too short', password_confirmation: 'too short' })
    short.assertStatus(302)
    assert.properties((await refusalOn(agent, path)).errors, ['password'])

    const done = await agent.post(path, { password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD })
    done.assertHeader('location', '/backoffice/login')
    assert.match((await agent.flashAfter(done)).success!, /password is set/)
    const row = await staffRow(staff.id)
    assert.isTrue(await hash.verify(row.password, NEW_PASSWORD))
    assert.isNull(row.locked_until)
    assert.equal(row.session_version, 2)
    const [token] = await db.from('staff_password_tokens').where('staff_user_id', staff.id)
    assert.isNotNull(token.used_at)
    const [audit] = await auditAbout('staff.password.reset', staff.id)
    assert.equal(audit.metadata.via, 'mailed_link')
    assert.deepEqual(audit.before, { locked: true })

    const login = await agent.loginWithPassword(staff.email, NEW_PASSWORD)
    login.assertHeader('location', '/backoffice/two-factor')
    const fromThatIp = new StaffAgent(client, { ip: '10.250.0.7' })
    await fromThatIp.loginWithPassword(staff.email, NEW_PASSWORD)
    ;(await fromThatIp.post('/backoffice/two-factor', { code: await nextCode(secret) })).assertHeader('location', '/backoffice')

    const replay = await agent.post(path, { password: 'another new passphrase', password_confirmation: 'another new passphrase' })
    replay.assertStatus(302)
    assert.match((await refusalOn(agent, path)).flash.error!, /invalid, has expired or was already used/)
    assert.isTrue(await hash.verify((await staffRow(staff.id)).password, NEW_PASSWORD))
    ;(await agent.get(path, { inertia: true })).assertInertiaPropsContains({ valid: false })
  })

  test('refuses an expired link', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const fake = mail.fake()
    await requestReset(client, staff.email)
    const [sent] = fake.mails.sent() as StaffPasswordResetMail[]
    await db.from('staff_password_tokens').where('staff_user_id', staff.id).update({ expires_at: new Date(Date.now() - 1000) })
    const { path } = linkOf(sent.resetUrl)
    const agent = await new StaffAgent(client).start()
    ;(await agent.get(path, { inertia: true })).assertInertiaPropsContains({ valid: false })
    ;(await agent.post(path, { password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD })).assertStatus(302)
    assert.match((await refusalOn(agent, path)).flash.error!, /expired/)
    assert.isFalse(await hash.verify((await staffRow(staff.id)).password, NEW_PASSWORD))
    assert.lengthOf(await auditAbout('staff.password.reset', staff.id), 0)
  })

  test('throttles an IP that asks too often; an address gets at most 3 mails an hour', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const fake = mail.fake()
    const agent = await new StaffAgent(client).start()
    for (let i = 0; i < PASSWORD_RESET_PER_IP; i++) {
      const response = await agent.post('/backoffice/forgot-password', { email: staff.email })
      assert.equal((await agent.flashAfter(response)).success, RESET_REQUESTED_MESSAGE)
    }
    const refused = await agent.post('/backoffice/forgot-password', { email: staff.email })
    refused.assertStatus(302)
    assert.match((await refusalOn(agent, '/backoffice/forgot-password')).flash.error!, /Too many password reset requests/)
    await staffMailSettled()
    fake.mails.assertSentCount(StaffPasswordResetMail, 3)
    const outcomes = (await auditAbout('staff.password_reset.requested', staff.id)).map((r) => r.metadata.outcome)
    assert.deepEqual(outcomes, [...Array(3).fill('mailed'), ...Array(PASSWORD_RESET_PER_IP - 3).fill('throttled')])
    const usable = await db.from('staff_password_tokens').where('staff_user_id', staff.id).whereNull('used_at')
    assert.lengthOf(usable, 1, 'a new link replaces the previous one')
  })
})
