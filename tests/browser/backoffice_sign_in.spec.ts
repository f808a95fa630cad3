import { test } from '@japa/runner'
import { mkdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { PASSWORD, createStaff, nextCode } from '#tests/helpers/staff'

test.group('Backoffice in a browser', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test("a teller signs in with password and TOTP and lands on the dashboard of the day", async ({ visit, assert }) => {
    const { staff, secret } = await createStaff({ role: 'teller', enrolled: true })
    await customerWithAccounts([{ currency: 'EUR', amount: '250.00' }])

    const page = await visit('/backoffice')
    await page.waitForURL('**/backoffice/login')
    await page.getByLabel('Work email').fill(staff.email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.waitForURL('**/backoffice/two-factor')
    await page.getByLabel('Authentication code').fill(await nextCode(secret))
    await page.getByRole('button', { name: 'Verify and sign in' }).click()

    await page.waitForURL(/\/backoffice$/)
    await page.assertTextContains('h1', 'Dashboard')
    await page.assertTextContains('.topbar', staff.fullName)
    const deposits = page.locator('.stat', { hasText: 'Deposits today' })
    await deposits.waitFor()
    assert.match(await deposits.innerText(), /\d[\d,]*\.\d{2} EUR/)
    await page.assertVisible('figure.chart svg[aria-label="Transactions per day (30 days)"]')

    await mkdir(app.makePath('tmp/screenshots'), { recursive: true })
    await page.screenshot({ path: app.makePath('tmp/screenshots/backoffice_dashboard.png'), fullPage: true })

    await page.getByRole('link', { name: 'Open the inbox' }).click()
    await page.waitForURL('**/backoffice/approvals')
    await page.assertTextContains('h1', 'Approvals')
    await page.screenshot({ path: app.makePath('tmp/screenshots/backoffice_approvals.png'), fullPage: true })
  })

  test('a wrong password is only refused after the code step, with the same message as a wrong code', async ({ visit }) => {
    const { staff, secret } = await createStaff({ role: 'teller', enrolled: true })
    const generic = 'The email, password or verification code is incorrect. Please sign in again.'

    for (const password of ['not the password', PASSWORD]) {
      const page = await visit('/backoffice/login')
      await page.getByLabel('Work email').fill(staff.email)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Continue' }).click()

      await page.waitForURL('**/backoffice/two-factor')
      const code = await nextCode(secret)
      await page.getByLabel('Authentication code').fill(code === '000000' ? '111111' : '000000')
      await page.getByRole('button', { name: 'Verify and sign in' }).click()

      await page.waitForURL('**/backoffice/login')
      await page.assertTextContains('body', generic)
    }
  })

  test('an unenrolled staff member scans the QR code, confirms a code and saves recovery codes', async ({ visit, assert }) => {
    const { staff } = await createStaff({ role: 'auditor', enrolled: false })
    const page = await visit('/backoffice/login')
    await page.getByLabel('Work email').fill(staff.email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.waitForURL('**/backoffice/two-factor')
    await page.assertVisible('img[alt="QR code for your authenticator app"]')
    const secret = (await page.getByTestId('totp-secret').innerText()).trim()
    await mkdir(app.makePath('tmp/screenshots'), { recursive: true })
    await page.screenshot({ path: app.makePath('tmp/screenshots/backoffice_enrolment.png') })
    await page.getByLabel('Authentication code').fill(await nextCode(secret, 0))
    await page.getByRole('button', { name: 'Confirm and continue' }).click()

    await page.waitForURL('**/backoffice/two-factor/recovery-codes')
    const codes = await page.getByTestId('recovery-codes').locator('li').allInnerTexts()
    assert.lengthOf(codes, 10)
    for (const code of codes) assert.match(code.trim(), /^[a-z2-9]{5}(-[a-z2-9]{5}){4}$/)
    await page.screenshot({ path: app.makePath('tmp/screenshots/backoffice_recovery_codes.png') })
    await page.getByRole('link', { name: 'I have saved them, continue' }).click()
    await page.waitForURL(/\/backoffice$/)
    await page.assertTextContains('h1', 'Dashboard')
  })
})
