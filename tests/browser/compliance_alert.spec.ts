import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { shot, watchErrors } from '#tests/helpers/browser_page'
import { alertFor } from '#tests/helpers/risk_alerts'
import { PASSWORD, createStaff, nextCode } from '#tests/helpers/staff'

/**
 * A compliance officer works an alert in a real browser: from the
 * "Alerts" entry of the sidebar to the queue, filters it down to the
 * alert, opens it (fired rules and reasons, the customer's activity
 * beside it), assigns it to themself, writes a note and confirms it with
 * a reason.
 */

test.group('Compliance alert in a browser', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a compliance officer works an alert from the queue to confirmed', async ({ visit, assert }) => {
    const { alert } = await alertFor({ severity: 'critical', balance: '740.25' })
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
    await page.locator('.stat', { hasText: 'Open alerts' }).waitFor()

    await page.locator('nav').getByRole('link', { name: 'Alerts', exact: true }).click()
    await page.waitForURL('**/backoffice/risk/alerts')
    await page.assertTextContains('h1', 'Alerts')
    await page.getByLabel('Typology').selectOption(alert.typologyId)
    await page.waitForURL(new RegExp(`typology=${alert.typologyId}`))
    const row = page.locator('tbody tr', { hasText: alert.typologyName })
    await row.waitFor()
    assert.match(await row.innerText(), /critical/i)
    assert.match(await row.innerText(), /unassigned/i)
    await shot(page, 'compliance_queue')

    await row.getByRole('link', { name: `Open #${alert.id}` }).click()
    await page.waitForURL(`**/backoffice/risk/alerts/${alert.id}`)
    await page.assertTextContains('h1', `Alert #${alert.id}`)
    await page.getByText('device first seen 2 hours ago', { exact: false }).waitFor()
    await page.locator('section', { hasText: 'Recent activity' }).getByText('740.25 GBP').first().waitFor()

    await page.getByRole('button', { name: 'Assign', exact: true }).click()
    await page.locator('.alert-success', { hasText: 'under investigation' }).waitFor()

    await page.getByLabel('Add a note').fill('Customer did not recognise the new device.')
    await page.getByRole('button', { name: 'Add note' }).click()
    await page.locator('.alert-success', { hasText: 'Note added' }).waitFor()
    await page.getByText('Customer did not recognise the new device.').waitFor()

    await page.getByRole('button', { name: 'Confirm', exact: true }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.waitFor()
    await dialog.getByLabel('Reason (audited)').fill('Account takeover confirmed with the customer')
    await dialog.getByRole('button', { name: 'Confirm' }).click()
    await page.locator('.alert-success', { hasText: 'confirmed' }).waitFor()
    await page.locator('.card-header .badge', { hasText: 'confirmed' }).first().waitFor()
    await shot(page, 'compliance_alert_confirmed')

    const row2 = await db.from('risk_alerts').where('id', alert.id).firstOrFail()
    assert.include(row2, { status: 'confirmed', assignee_id: String(staff.id) })
    const history = await db.from('risk_alert_activity').where('alert_id', alert.id).orderBy('id')
    assert.deepEqual(history.map((line) => line.action), ['raised', 'assigned', 'note.added', 'confirmed'])
    assert.deepEqual(errors, [])
  })
})
