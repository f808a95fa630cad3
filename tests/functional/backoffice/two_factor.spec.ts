import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import { totpCode } from '#services/auth/totp'
import { auditRows } from '#tests/helpers/audit'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { PASSWORD, createStaff, nextCode, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

const GENERIC_FAILURE = 'The email, password or verification code is incorrect. Please sign in again.'

test.group('Backoffice sign-in: second factor', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a password-only session cannot reach the dashboard', async ({ client }) => {
    const { staff } = await createStaff({ enrolled: true })
    const agent = new StaffAgent(client)

    const password = await agent.loginWithPassword(staff.email)
    password.assertStatus(302)
    password.assertHeader('location', '/backoffice/two-factor')

    const dashboard = await agent.get('/backoffice')
    dashboard.assertStatus(302)
    dashboard.assertHeader('location', '/backoffice/login')
    const json = await agent.get('/backoffice', { json: true })
    json.assertStatus(401)
  })

  test('asks an enrolled staff member for a code, then signs in and audits it', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const agent = new StaffAgent(client)
    await agent.loginWithPassword(staff.email)

    const challenge = await agent.get('/backoffice/two-factor', { inertia: true })
    challenge.assertInertiaComponent('backoffice/auth/two_factor_challenge')
    challenge.assertInertiaPropsContains({ email: staff.email })

    const verify = await agent.post('/backoffice/two-factor', { code: await nextCode(secret) })
    verify.assertHeader('location', '/backoffice')
    ;(await agent.get('/backoffice')).assertStatus(200)

    const [audit] = await auditRows('staff.login.succeeded', staff.id)
    assert.equal(audit.metadata.method, 'totp')
    assert.equal(audit.actor_type, 'staff')
    assert.isNotNull((await staffRow(staff.id)).last_login_at)
  })

  test('rejects a wrong code and a replayed code, counting each failure', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const first = new StaffAgent(client)
    const code = await nextCode(secret)
    await first.loginWithPassword(staff.email)
    ;(await first.post('/backoffice/two-factor', { code })).assertHeader('location', '/backoffice')

    const second = new StaffAgent(client)
    await second.loginWithPassword(staff.email)
    const replay = await second.post('/backoffice/two-factor', { code })
    replay.assertHeader('location', '/backoffice/login')
    assert.equal((await second.flashAfter(replay)).error, GENERIC_FAILURE)
    await second.loginWithPassword(staff.email)
    const wrong = await second.post('/backoffice/two-factor', { code: code === '000000' ? '111111' : '000000' }, { json: true })
    wrong.assertStatus(401)
    wrong.assertBodyContains({ code: 'E_INVALID_CREDENTIALS', detail: GENERIC_FAILURE })

    assert.equal((await staffRow(staff.id)).failed_login_count, 2)
    const reasons = (await auditRows('staff.login.failed', staff.id)).map((r) => r.metadata.reason)
    assert.deepEqual(reasons, ['invalid_totp', 'invalid_totp'])
    ;(await second.get('/backoffice')).assertHeader('location', '/backoffice/login')
  })

  test('a wrong password and a wrong code get indistinguishable answers at both steps', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const wrongCode = async () => ((await nextCode(secret)) === '000000' ? '111111' : '000000')

    /** Everything a browser (and a JSON client) sees of one sign-in attempt */
    async function attempt(password: string, json: boolean) {
      const agent = new StaffAgent(client)
      const step1 = await agent.loginWithPassword(staff.email, password)
      const page = await agent.get('/backoffice/two-factor', { inertia: true })
      const step2 = await agent.post('/backoffice/two-factor', { code: await wrongCode() }, { json })
      const { request_id: _, ...body } = json ? step2.body() : {}
      return {
        step1: [step1.status(), step1.header('location')],
        page: [page.status(), page.inertiaComponent, JSON.stringify(page.inertiaProps.email), JSON.stringify(page.inertiaProps.actions)],
        step2: [step2.status(), step2.header('location') ?? null, step2.header('content-type') ?? null, JSON.stringify(body)],
        flash: json ? null : await agent.flashAfter(step2),
      }
    }

    for (const json of [false, true]) {
      const wrongPassword = await attempt('not the password', json)
      const rightPasswordWrongCode = await attempt(PASSWORD, json)
      assert.deepEqual(wrongPassword, rightPasswordWrongCode)
    }
    const reasons = (await auditRows('staff.login.failed', staff.id)).map((r) => r.metadata.reason)
    assert.deepEqual(reasons, ['invalid_password', 'invalid_totp', 'invalid_password', 'invalid_totp'])
  })

  test('a pending sign-in answers one code only: a copied cookie cannot try more codes', async ({ client, assert }) => {
    const { staff, secret } = await createStaff({ enrolled: true })
    const agent = new StaffAgent(client)
    await agent.loginWithPassword(staff.email)
    const copy = agent.copy()

    ;(await agent.post('/backoffice/two-factor', { code: '000000' })).assertHeader('location', '/backoffice/login')
    const replayed = await copy.post('/backoffice/two-factor', { code: await nextCode(secret) }, { json: true })
    replayed.assertStatus(401)
    replayed.assertBodyContains({ code: 'E_SECOND_FACTOR_SESSION_EXPIRED' })
    assert.lengthOf(await auditRows('staff.login.succeeded', staff.id), 0)
  })

  test('refuses a recovery code of the old format even where its old hash is still stored', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const legacy = 'abcde-fghjk'
    await db
      .from('staff_users')
      .where('id', staff.id)
      .update({ recovery_codes: JSON.stringify([createHash('sha256').update('abcdefghjk').digest('hex')]) })

    const agent = new StaffAgent(client)
    await agent.loginWithPassword(staff.email)
    const response = await agent.post('/backoffice/two-factor', { code: legacy })
    response.assertHeader('location', '/backoffice/login')
    assert.lengthOf((await staffRow(staff.id)).recovery_codes, 1)
    const [failure] = await auditRows('staff.login.failed', staff.id)
    assert.equal(failure.metadata.reason, 'invalid_recovery_code')
  })

  test('enrols a TOTP on first sign-in and shows the recovery codes once', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: false })
    const agent = new StaffAgent(client)
    await agent.loginWithPassword(staff.email)

    const page = await agent.get('/backoffice/two-factor', { inertia: true })
    page.assertInertiaComponent('backoffice/auth/two_factor_enrol')
    const { secret, qrCodeDataUrl } = page.inertiaProps
    assert.match(qrCodeDataUrl, /^data:image\/png;base64,/)
    assert.match(secret, /^[A-Z2-7]{32}$/)
    const again = await agent.get('/backoffice/two-factor', { inertia: true })
    assert.equal(again.inertiaProps.secret, secret, 'reloading keeps the same secret')

    const wrong = await agent.post('/backoffice/two-factor/enrol', { code: '12345' })
    wrong.assertStatus(302)
    assert.isNull((await staffRow(staff.id)).totp_secret)

    const confirm = await agent.post('/backoffice/two-factor/enrol', { code: await totpCode(secret) })
    confirm.assertHeader('location', '/backoffice/two-factor/recovery-codes')
    const codesPage = await agent.get('/backoffice/two-factor/recovery-codes', { inertia: true })
    codesPage.assertInertiaComponent('backoffice/auth/recovery_codes')
    const codes: string[] = codesPage.inertiaProps.recoveryCodes
    assert.lengthOf(codes, 10)

    const row = await staffRow(staff.id)
    assert.notInclude(row.totp_secret, secret)
    assert.equal(encryption.decrypt(row.totp_secret), secret)
    assert.isNotNull(row.totp_enabled_at)
    assert.deepEqual(row.recovery_codes, codes.map(hashRecoveryCode))
    assert.lengthOf(await auditRows('staff.totp.enrolled', staff.id), 1)

    const shownAgain = await agent.get('/backoffice/two-factor/recovery-codes')
    shownAgain.assertHeader('location', '/backoffice')
    ;(await agent.get('/backoffice')).assertStatus(200)
  })

  test('accepts a recovery code once only', async ({ client, assert }) => {
    const { staff, recoveryCodes } = await createStaff({ enrolled: true })
    const [code] = recoveryCodes

    const first = new StaffAgent(client)
    await first.loginWithPassword(staff.email)
    const used = await first.post('/backoffice/two-factor', { code: code.toUpperCase() })
    used.assertHeader('location', '/backoffice')
    assert.lengthOf((await staffRow(staff.id)).recovery_codes, 9)
    const [audit] = await auditRows('staff.login.succeeded', staff.id)
    assert.equal(audit.metadata.method, 'recovery_code')

    const second = new StaffAgent(client)
    await second.loginWithPassword(staff.email)
    const reused = await second.post('/backoffice/two-factor', { code })
    reused.assertHeader('location', '/backoffice/login')
    assert.equal((await second.flashAfter(reused)).error, GENERIC_FAILURE)
    assert.lengthOf((await staffRow(staff.id)).recovery_codes, 9)
    ;(await second.get('/backoffice')).assertHeader('location', '/backoffice/login')
  })

  test('refuses the second factor without a password step', async ({ client }) => {
    const { secret } = await createStaff({ enrolled: true })
    const agent = await new StaffAgent(client).start()
    const response = await agent.post('/backoffice/two-factor', { code: await nextCode(secret) }, { json: true })
    response.assertStatus(401)
    response.assertBodyContains({ code: 'E_SECOND_FACTOR_SESSION_EXPIRED' })
  })
})
