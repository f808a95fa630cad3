import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { STAFF_LOGIN_IP_FAILURES, STAFF_LOGIN_KEY_PREFIX } from '#services/staff_login_throttle'
import {
  PASSWORD,
  StaffAgent,
  auditRows,
  createStaff,
  resetLoginThrottle,
  staffRow,
} from '#tests/functional/backoffice/helpers'

test.group('Backoffice sign-in: password step', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('renders the login page as an Inertia page with the sign-in URL', async ({ client }) => {
    const response = await client.get('/backoffice/login').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('backoffice/auth/login')
    response.assertInertiaPropsContains({ actions: { login: '/backoffice/login' }, staff: null })
  })

  test('rejects a wrong password, counts it on the account and audits it', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const agent = await new StaffAgent(client).start()

    const response = await agent.loginWithPassword(staff.email, 'not the password')

    response.assertStatus(302)
    response.assertHeader('location', '/backoffice/login')
    assert.equal((await agent.flashAfter(response)).error, 'The email or password is incorrect.')
    assert.equal((await staffRow(staff.id)).failed_login_count, 1)
    const [audit] = await auditRows('staff.login.failed', staff.id)
    assert.equal(audit.actor_type, 'staff')
    assert.equal(audit.metadata.reason, 'invalid_password')
    assert.equal(audit.ip, '127.0.0.1')
    assert.isNotNull(audit.request_id)
    assert.notInclude(JSON.stringify(audit), 'not the password')
  })

  test('audits an unknown email as an anonymous failure', async ({ client, assert }) => {
    const email = `nobody-${Date.now()}@strongroom.test`
    const response = await new StaffAgent(client).loginWithPassword(email)

    response.assertStatus(302)
    const rows = await db
      .from('audit_events')
      .where('action', 'staff.login.failed')
      .whereRaw("metadata->>'email' = ?", [email])
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].actor_type, 'anonymous')
    assert.equal(rows[0].metadata.reason, 'unknown_email')
  })

  test('locks the account for 15 minutes after 5 failures, even for the right password', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const agent = await new StaffAgent(client).start()
    for (let i = 0; i < 4; i++) {
      const response = await agent.loginWithPassword(staff.email, `wrong-${i}`)
      assert.equal((await agent.flashAfter(response)).error, 'The email or password is incorrect.')
    }
    const fifth = await agent.loginWithPassword(staff.email, 'wrong-5')
    assert.match((await agent.flashAfter(fifth)).error!, /locked/)

    const row = await staffRow(staff.id)
    const lockedFor = DateTime.fromJSDate(row.locked_until).diffNow('minutes').minutes
    assert.isAbove(lockedFor, 14)
    assert.isAtMost(lockedFor, 15)

    const withRightPassword = await agent.post('/backoffice/login', { email: staff.email, password: PASSWORD }, { json: true })
    withRightPassword.assertStatus(423)
    withRightPassword.assertBodyContains({ code: 'E_ACCOUNT_LOCKED' })
    assert.isAbove(Number(withRightPassword.header('retry-after')), 800)
    const reasons = (await auditRows('staff.login.failed', staff.id)).map((r) => r.metadata.reason)
    assert.deepEqual(reasons, [...Array(5).fill('invalid_password'), 'locked'])
  })

  test('throttles an IP after repeated failures: 429 for JSON clients, a message for browsers', async ({ client, assert }) => {
    const agent = await new StaffAgent(client).start()
    for (let i = 0; i < STAFF_LOGIN_IP_FAILURES; i++) {
      const response = await agent.post('/backoffice/login', { email: `ghost-${i}@strongroom.test`, password: 'x' }, { json: true })
      response.assertStatus(401)
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
