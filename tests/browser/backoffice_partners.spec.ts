import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { shot, watchErrors } from '#tests/helpers/browser_page'
import { partnerWithConsent } from '#tests/helpers/partners'
import { PASSWORD, createStaff, nextCode } from '#tests/helpers/staff'

/**
 * A compliance officer on the partner pages, in a real browser: from the
 * "Partners" entry of the sidebar to a partner, opens its consent's access
 * log and revokes the consent with a reason.
 */

test.group('Partners in a browser', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a compliance officer opens a partner, reads a consent\'s access log and revokes the consent', async ({ visit, assert }) => {
    const { partner, consent, tag, requests } = await partnerWithConsent({ accessCount: 2 })
    const { staff, secret } = await createStaff({ role: 'compliance', enrolled: true })

    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    await page.getByLabel('Work email').fill(staff.email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL('**/backoffice/two-factor')
    await page.getByLabel('Authentication code').fill(await nextCode(secret))
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    await page.waitForURL(/\/backoffice$/)

    await page.locator('nav').getByRole('link', { name: 'Partners', exact: true }).click()
    await page.waitForURL('**/backoffice/partners')
    await page.assertTextContains('h1', 'Partners')
    await page.getByRole('link', { name: partner.name }).click()
    await page.waitForURL(`**/backoffice/partners/${partner.id}`)
    await page.assertTextContains('h1', partner.name)
    await page.getByText(partner.clientId).first().waitFor()
    await page.getByRole('link', { name: new RegExp(tag) }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Suspend partner' }).count(), 0, 'compliance cannot suspend')

    await page.getByRole('link', { name: '2 requests' }).click()
    await page.waitForURL(new RegExp(`consent=${consent.id}`))
    const log = page.locator('section', { hasText: 'Access log of' })
    await log.getByText(requests[1]).waitFor()
    await log.getByText('/api/v1/accounts?n=1').waitFor()
    await shot(page, 'backoffice_partner_access_log')

    await page.getByRole('button', { name: 'Revoke', exact: true }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.waitFor()
    await dialog.getByLabel('Reason (recorded on the consent and in the audit trail)').fill('Customer asked us by phone')
    await dialog.getByRole('button', { name: 'Revoke' }).click()
    await page.locator('.alert-success', { hasText: 'revoked' }).waitFor()
    await page.getByText('Customer asked us by phone').first().waitFor()
    await shot(page, 'backoffice_partner_consent_revoked')

    const row = await db.from('openbanking_consents').where('id', consent.id).firstOrFail()
    assert.include(row, { status: 'CANC', status_reason: 'Customer asked us by phone' })
    assert.deepEqual(errors, [])
  })
})
