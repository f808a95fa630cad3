import { test } from '@japa/runner'
import { randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { STAFF_LOGIN_IP_FAILURES, STAFF_LOGIN_KEY_PREFIX } from '#services/rate_limiting/staff_login_throttle'
import { auditRows } from '#tests/helpers/audit'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { PASSWORD, createStaff, nextCode, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

const GENERIC_FAILURE = 'The email, password or verification code is incorrect. Please sign in again.'

/** A client address of its own (the app believes X-Forwarded-For from loopback) */
function otherIp() {
  return `10.${randomInt(100, 200)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

/** Every 'staff.login.failed' row about this e-mail, oldest first */
function failuresFor(email: string) {
  return db
    .from('audit_events')
    .where('action', 'staff.login.failed')
    .whereRaw("metadata->>'email' = ?", [email.toLowerCase()])
    .orderBy('id')
}

test.group('Backoffice sign-in: password step', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('renders the login page as an Inertia page with the sign-in URL', async ({ client }) => {
    const response = await client.get('/backoffice/login').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('backoffice/auth/login')
    response.assertInertiaPropsContains({ actions: { login: '/backoffice/login' }, staff: null })
  })

  test('a wrong password still goes on to the code step, which fails with the generic message; counted and audited', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const agent = await new StaffAgent(client).start()

    const response = await agent.loginWithPassword(staff.email, 'not the password')

    response.assertStatus(302)
    response.assertHeader('location', '/backoffice/two-factor')
    assert.equal((await staffRow(staff.id)).failed_login_count, 1)
    const [audit] = await auditRows('staff.login.failed', staff.id)
    assert.equal(audit.actor_type, 'staff')
    assert.equal(audit.metadata.reason, 'invalid_password')
    assert.equal(audit.ip, '127.0.0.1')
    assert.isNotNull(audit.request_id)
    assert.notInclude(JSON.stringify(audit), 'not the password')

    const code = await agent.post('/backoffice/two-factor', { code: await nextCode(secret) })
    code.assertHeader('location', '/backoffice/login')
    assert.equal((await agent.flashAfter(code)).error, GENERIC_FAILURE)
    ;(await agent.get('/backoffice')).assertHeader('location', '/backoffice/login')
    assert.lengthOf(await auditRows('staff.login.succeeded', staff.id), 0)
  })

  test('audits an unknown email as an anonymous failure', async ({ client, assert }) => {
    const email = `nobody-${Date.now()}@strongroom.test`
    const response = await new StaffAgent(client).loginWithPassword(email)

    response.assertStatus(302)
    response.assertHeader('location', '/backoffice/two-factor')
    const rows = await db
      .from('audit_events')
      .where('action', 'staff.login.failed')
      .whereRaw("metadata->>'email' = ?", [email])
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].actor_type, 'anonymous')
    assert.equal(rows[0].metadata.reason, 'unknown_email')
  })

  test('refuses the 6th attempt on an account from the same IP (429), even with the right password, and locks nothing', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const ip = otherIp()
    const agent = await new StaffAgent(client, { ip }).start()
    for (let i = 0; i < 5; i++) {
      ;(await agent.loginWithPassword(staff.email, `wrong-${i}`)).assertHeader('location', '/backoffice/two-factor')
    }
    const withRightPassword = await agent.post('/backoffice/login', { email: staff.email, password: PASSWORD }, { json: true })
    withRightPassword.assertStatus(429)
    withRightPassword.assertBodyContains({ code: 'E_TOO_MANY_REQUESTS' })
    assert.isAbove(Number(withRightPassword.header('retry-after')), 800)
    const html = await agent.loginWithPassword(staff.email)
    html.assertHeader('location', '/backoffice/login')
    assert.match((await agent.flashAfter(html)).error!, /Too many failed sign-in attempts/)

    const row = await staffRow(staff.id)
    assert.isNull(row.locked_until)
    assert.equal(row.failed_login_count, 5)
    const reasons = (await failuresFor(staff.email)).map((r) => r.metadata.reason)
    assert.deepEqual(reasons, [...Array(5).fill('invalid_password'), 'throttled', 'throttled'])
  })

  test('20 parallel wrong passwords for one staff account from one IP: 5 are checked, 15 refused, and the audit agrees', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const ip = otherIp()
    const agents = await Promise.all(Array.from({ length: 20 }, () => new StaffAgent(client, { ip }).start()))

    const responses = await Promise.all(
      agents.map((agent, i) => agent.post('/backoffice/login', { email: staff.email, password: `wrong-${i}` }, { json: true }))
    )

    const checked = responses.filter((r) => r.status() === 302)
    const refused = responses.filter((r) => r.status() === 429)
    assert.lengthOf(checked, 5)
    assert.lengthOf(refused, 15)
    for (const r of checked) assert.equal(r.header('location'), '/backoffice/two-factor')
    for (const r of refused) assert.equal(r.body().code, 'E_TOO_MANY_REQUESTS')

    const failures = await failuresFor(staff.email)
    assert.lengthOf(failures, 20)
    const reasons = failures.map((r) => r.metadata.reason).sort()
    assert.deepEqual(reasons, [...Array(5).fill('invalid_password'), ...Array(15).fill('throttled')])
    assert.equal((await staffRow(staff.id)).failed_login_count, 5)
  })

  test('20 wrong passwords from one IP do not stop the real staff member signing in from another IP', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const attacker = await new StaffAgent(client, { ip: otherIp() }).start()
    for (let i = 0; i < 20; i++) {
      const response = await attacker.post('/backoffice/login', { email: staff.email, password: `guess-${i}` }, { json: true })
      assert.include([302, 429], response.status())
    }

    const real = new StaffAgent(client, { ip: otherIp() })
    const signedIn = await real.signIn(staff.email, secret)
    signedIn.assertHeader('location', '/backoffice')
    ;(await real.get('/backoffice')).assertStatus(200)
    assert.isNull((await staffRow(staff.id)).locked_until)
  })

  test('throttles an IP after repeated failures: 429 for JSON clients, a message for browsers', async ({ client, assert }) => {
    const agent = await new StaffAgent(client).start()
    for (let i = 0; i < STAFF_LOGIN_IP_FAILURES; i++) {
      const response = await agent.post('/backoffice/login', { email: `ghost-${i}@strongroom.test`, password: 'x' }, { json: true })
      response.assertStatus(302)
    }

    const json = await agent.post('/backoffice/login', { email: 'ghost@strongroom.test', password: 'x' }, { json: true })
    json.assertStatus(429)
    json.assertBodyContains({ code: 'E_TOO_MANY_REQUESTS', status: 429 })
    assert.isAbove(Number(json.header('retry-after')), 0)

    const html = await agent.loginWithPassword('ghost@strongroom.test', 'x')
    html.assertStatus(302)
    assert.match((await agent.flashAfter(html)).error!, /Too many failed sign-in attempts/)
    const keys = await db.from('rate_limits').whereLike('key', `%${STAFF_LOGIN_KEY_PREFIX}%`)
    assert.isAbove(keys.length, 0)
  })

  test('rejects a sign-in form posted without the CSRF token', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const agent = await new StaffAgent(client).start()
    const response = await agent.post('/backoffice/login', { email: staff.email, password: PASSWORD }, { csrf: false })

    assert.notEqual(response.header('location'), '/backoffice/two-factor')
    assert.equal((await auditRows('staff.login.failed', staff.id)).length, 0)
  })

  test('signs out and sends the staff member back to the login page', async ({ client }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const agent = new StaffAgent(client)
    ;(await agent.signIn(staff.email, secret)).assertHeader('location', '/backoffice')

    const logout = await agent.post('/backoffice/logout', {})
    logout.assertHeader('location', '/backoffice/login')
    const after = await agent.get('/backoffice')
    after.assertStatus(302)
    after.assertHeader('location', '/backoffice/login')
  })
})
