import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import { totpCode } from '#services/totp'
import {
  StaffAgent,
  auditRows,
  createStaff,
  nextCode,
  resetLoginThrottle,
  staffRow,
} from '#tests/functional/backoffice/helpers'

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
    replay.assertHeader('location', '/backoffice/two-factor')
    assert.equal((await second.flashAfter(replay)).error, 'The verification code is incorrect or has already been used.')
    const wrong = await second.post('/backoffice/two-factor', { code: code === '000000' ? '111111' : '000000' }, { json: true })
    wrong.assertStatus(401)
    wrong.assertBodyContains({ code: 'E_INVALID_SECOND_FACTOR' })

    assert.equal((await staffRow(staff.id)).failed_login_count, 2)
    const reasons = (await auditRows('staff.login.failed', staff.id)).map((r) => r.metadata.reason)
    assert.deepEqual(reasons, ['invalid_totp', 'invalid_totp'])
    ;(await second.get('/backoffice')).assertHeader('location', '/backoffice/login')
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
    reused.assertHeader('location', '/backoffice/two-factor')
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
