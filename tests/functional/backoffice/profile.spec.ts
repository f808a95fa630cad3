import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import { auditRows } from '#tests/helpers/audit'
import { resetLoginThrottle, refusalOn, signedInStaff } from '#tests/helpers/backoffice'
import { PASSWORD, staffRow } from '#tests/helpers/staff'

test.group('Backoffice profile (My account)', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('shows the signed-in staff member their account, linked from the shell', async ({ client }) => {
    const { agent, staff } = await signedInStaff(client, 'auditor')
    const page = await agent.get('/backoffice/profile', { inertia: true })
    page.assertStatus(200)
    page.assertInertiaComponent('backoffice/profile/show')
    page.assertInertiaPropsContains({
      account: { id: Number(staff.id), email: staff.email, role: 'auditor', roleLabel: 'Auditor', status: 'active', twoFactorEnrolled: true },
      passwordMinLength: 12,
      actions: {
        password: '/backoffice/profile/password',
        signOutOthers: '/backoffice/profile/sign-out-others',
        recoveryCodes: '/backoffice/profile/recovery-codes',
      },
      nav: { profile: '/backoffice/profile' },
    })
  })

  test('refuses a wrong current password, a short or unconfirmed new one, and changes nothing', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client)
    const wrong = await agent.post('/backoffice/profile/password', {
      current_password: 'not my password',
      password: 'long enough passphrase',
      password_confirmation: 'long enough passphrase',
    })
    wrong.assertStatus(302)
    assert.equal((await refusalOn(agent, '/backoffice/profile')).flash.error, 'Your current password is not correct.')

    await agent.post('/backoffice/profile/password', { current_password: PASSWORD, password: 'short', password_confirmation: 'short' })
    assert.properties((await refusalOn(agent, '/backoffice/profile')).errors, ['password'])
    await agent.post('/backoffice/profile/password', {
      current_password: PASSWORD,
      password: 'long enough passphrase',
      password_confirmation: 'a different passphrase',
    })
    assert.properties((await refusalOn(agent, '/backoffice/profile')).errors, ['password_confirmation'])

    const row = await staffRow(staff.id)
    assert.isTrue(await hash.verify(row.password, PASSWORD))
    assert.equal(row.session_version, 1)
    assert.lengthOf(await auditRows('staff.password.changed', staff.id), 0)
  })

  test('regenerates recovery codes after the current password: shown once, old ones void, audited', async ({ client, assert }) => {
    const { agent, staff, recoveryCodes: old } = await signedInStaff(client)
    const response = await agent.post('/backoffice/profile/recovery-codes', { current_password: PASSWORD })
    response.assertHeader('location', '/backoffice/two-factor/recovery-codes')
    const page = await agent.get('/backoffice/two-factor/recovery-codes', { inertia: true })
    page.assertInertiaComponent('backoffice/auth/recovery_codes')
    const codes = page.inertiaProps.recoveryCodes as string[]
    assert.lengthOf(codes, 10)

    const stored = (await staffRow(staff.id)).recovery_codes as string[]
    assert.deepEqual(stored, codes.map(hashRecoveryCode))
    assert.notInclude(stored, hashRecoveryCode(old[0]))
    const [audit] = await auditRows('staff.recovery_codes.regenerated', staff.id)
    assert.equal(audit.metadata.recovery_codes, 10)
    assert.notInclude(JSON.stringify(audit), codes[0])
  })
})
