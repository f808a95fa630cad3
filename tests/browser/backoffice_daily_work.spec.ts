import { test } from '@japa/runner'
import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import app from '@adonisjs/core/services/app'
import type { StaffRole } from '#models/staff_user'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { PASSWORD, createStaff, nextCode } from '#tests/helpers/staff'

/**
 * A working day in the backoffice, in a real browser: a teller deposit on
 * the statement, its reversal approved by a second person (four-eyes), an
 * auditor who cannot post money, and the audit trail of all of it.
 *
 * The tests run in order and share the deposit of the first one (the
 * reversal and the audit trail are about that deposit).
 */

const SCREENSHOTS = 'tmp/screenshots'

async function shot(page: Page, name: string) {
  await mkdir(app.makePath(SCREENSHOTS), { recursive: true })
  await page.screenshot({ path: app.makePath(`${SCREENSHOTS}/${name}.png`), fullPage: true })
}

/** Password, then the TOTP code of `step` time steps ahead (a code is accepted once per person) */
async function signIn(page: Page, email: string, secret: string, step = 1) {
  await page.goto('/backoffice/login')
  await page.waitForURL('**/backoffice/login')
  await page.getByLabel('Work email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL('**/backoffice/two-factor')
  await page.getByLabel('Authentication code').fill(await nextCode(secret, step))
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await page.waitForURL(/\/backoffice$/)
}

async function signedIn(page: Page, role: StaffRole, step = 1) {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  await signIn(page, staff.email, secret, step)
  return { staff, secret }
}

/** JS errors and CSP violations of a page: a broken page must fail the test, not only look broken */
function watchErrors(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`)
    }
  })
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
  })
  return errors
}

const shared: {
  accountId?: number
  accountNumber?: string
  transactionId?: number
  approvalId?: number
  tellerEmail?: string
} = {}

test.group('Backoffice daily work in a browser', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a teller deposit is seen on the statement', async ({ visit, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '500.00' }])
    const account = accounts[0]
    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    const { staff } = await signedIn(page, 'teller')
    shared.tellerEmail = staff.email

    await page.locator('nav').getByRole('link', { name: 'Teller', exact: true }).click()
    await page.waitForURL('**/backoffice/teller')
    await page.assertTextContains('h1', 'Teller')
    await shot(page, 'backoffice_teller')

    const form = page.locator('section.card', { has: page.getByRole('heading', { name: 'Cash deposit' }) })
    await form.getByLabel('Account number').fill(String(account.number))
    await form.getByLabel('Amount').fill('125.50')
    await form.getByLabel('Reference').fill('Browser test deposit')
    await form.getByRole('button', { name: 'Cash deposit' }).click()

    const dialog = page.locator('dialog[open]')
    await dialog.waitFor()
    assert.include(await dialog.innerText(), '125.50')
    await dialog.getByRole('button', { name: 'Post' }).click()

    const flash = page.locator('.alert-success')
    await flash.waitFor()
    const message = await flash.innerText()
    assert.match(message, /booked \(transaction #\d+\)/)
    shared.transactionId = Number(message.match(/transaction #(\d+)/)![1])
    shared.accountId = Number(account.id)
    shared.accountNumber = String(account.number)

    await page.goto(`/backoffice/accounts/${account.id}`)
    await page.getByRole('heading', { name: 'Statement' }).waitFor()
    const row = page.locator('tbody tr', { hasText: `#${shared.transactionId} deposit` })
    await row.waitFor()
    assert.include(await row.innerText(), '125.50 GBP')
    assert.include(await row.innerText(), 'Browser test deposit')
    await page.locator('.stat', { hasText: 'Balance' }).getByText('625.50 GBP').waitFor()
    await shot(page, 'backoffice_statement')
    assert.deepEqual(errors, [])
  })

  test('a reversal requested by a teller is approved by a compliance officer', async ({ visit, browser, assert }) => {
    assert.isDefined(shared.transactionId, 'the deposit test ran first')
    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    await signedIn(page, 'teller')

    await page.goto(`/backoffice/transactions/${shared.transactionId}`)
    await page.assertTextContains('h1', `Transaction #${shared.transactionId}`)
    await page.getByRole('button', { name: 'Request reversal' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.waitFor()
    await dialog.getByLabel('Reason').fill('Customer counted the cash twice')
    await dialog.getByRole('button', { name: 'Request reversal' }).click()

    const flash = page.locator('.alert-success')
    await flash.waitFor()
    const message = await flash.innerText()
    assert.match(message, /approval #\d+ is waiting for a second staff member/)
    shared.approvalId = Number(message.match(/approval #(\d+)/)![1])
    await page.locator('.badge', { hasText: 'reversal pending' }).waitFor()

    // The maker sees the request, but cannot decide it
    await page.goto(`/backoffice/approvals/${shared.approvalId}`)
    await page.assertTextContains('h1', `#${shared.approvalId}`)
    await page.getByText('Waiting for a staff member allowed to decide it').waitFor()
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0)

    // A second person, in a browser of their own
    const context = await browser.newContext({ baseURL: page.url().replace(/\/backoffice.*$/, '') })
    const checker = await context.newPage()
    const checkerErrors = watchErrors(checker)
    await signedIn(checker, 'compliance')
    await checker.locator('nav').getByRole('link', { name: 'Approvals', exact: true }).click()
    await checker.waitForURL('**/backoffice/approvals')
    await checker.locator('h1', { hasText: 'Approvals' }).waitFor()
    await shot(checker, 'backoffice_approvals_inbox')
    /* other suites leave older pending requests behind: the inbox (oldest first) may page this one out */
    const link = checker.locator(`a[href$="/approvals/${shared.approvalId}"]`).first()
    if (await link.count()) await link.click()
    else await checker.goto(`/backoffice/approvals/${shared.approvalId}`)
    await checker.waitForURL(`**/backoffice/approvals/${shared.approvalId}`)
    await checker.getByRole('button', { name: 'Approve' }).click()
    const confirm = checker.locator('dialog[open]')
    await confirm.waitFor()
    await confirm.getByRole('button', { name: 'Approve' }).click()
    const approved = checker.locator('.alert-success')
    await approved.waitFor()
    assert.match(await approved.innerText(), /^Approved and executed/)
    await checker.locator('.badge', { hasText: 'approved' }).first().waitFor()
    await shot(checker, 'backoffice_approval_detail')

    await checker.goto(`/backoffice/accounts/${shared.accountId}`)
    const reversal = checker.locator('tbody tr', { hasText: 'reversal' }).first()
    await reversal.waitFor()
    assert.include(await reversal.innerText(), '125.50 GBP')
    const original = checker.locator('tbody tr', { hasText: `#${shared.transactionId} deposit` })
    assert.match(await original.innerText(), /reversed/i)
    await checker.locator('.stat', { hasText: 'Balance' }).getByText('500.00 GBP').waitFor()
    await context.close()

    assert.deepEqual(errors, [])
    assert.deepEqual(checkerErrors, [])
  })

  test('an auditor cannot post money', async ({ visit, assert }) => {
    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    await signedIn(page, 'auditor')
    const nav = page.locator('nav')
    await nav.getByRole('link', { name: 'Audit trail' }).waitFor()
    assert.equal(await nav.getByRole('link', { name: 'Teller', exact: true }).count(), 0)

    const response = await page.goto('/backoffice/teller')
    assert.equal(response?.status(), 403)
    await page.assertTextContains('h1', 'Not allowed')
    await shot(page, 'backoffice_forbidden_teller')
    // the 403 response is logged by Chromium as a failed resource; nothing else may fail
    assert.deepEqual(errors.filter((e) => !e.includes('403')), [])
  })

  test('the audit trail shows the deposit, the reversal request and its approval', async ({ visit, assert }) => {
    assert.isDefined(shared.approvalId, 'the reversal test ran first')
    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    await signedIn(page, 'auditor')

    await page.locator('nav').getByRole('link', { name: 'Audit trail' }).click()
    await page.waitForURL('**/backoffice/audit')
    await page.assertTextContains('h1', 'Audit trail')

    await page.getByLabel('Action (prefix)').fill('ledger.')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/action=ledger\./)
    const actions = page.locator('tbody tr td:nth-child(4)')
    await actions.first().waitFor()
    const ledgerActions = await actions.allInnerTexts()
    assert.isTrue(ledgerActions.every((a) => a.startsWith('ledger.')), ledgerActions.join(', '))
    assert.isTrue(ledgerActions.some((a) => a.startsWith('ledger.deposit')), ledgerActions.join(', '))
    assert.isTrue(ledgerActions.some((a) => a.includes('revers')), ledgerActions.join(', '))
    await shot(page, 'backoffice_audit_trail')

    await page.getByLabel('Action (prefix)').fill('approval.')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/action=approval\./)
    await page.locator('tbody tr', { hasText: 'approval.approved' }).first().waitFor()
    const approvalActions = await actions.allInnerTexts()
    assert.includeMembers(approvalActions, ['approval.requested', 'approval.approved'])

    await page.locator('tbody tr', { hasText: 'approval.approved' }).first().locator('a').first().click()
    await page.waitForURL(/\/backoffice\/audit\/\d+$/)
    await page.assertTextContains('h1', 'Audit event #')
    await page.assertTextContains('.page-header', 'approval.approved')
    await shot(page, 'backoffice_audit_detail')

    await page.getByRole('link', { name: 'Back to the trail' }).click()
    await page.waitForURL(/\/backoffice\/audit$/)
    await page.getByRole('button', { name: 'Run verification' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Seal and verify' }).click()
    const flash = page.locator('.alert-success')
    await flash.waitFor()
    assert.match(await flash.innerText(), /Audit chain verified: \d+ rows, \d+ blocks, no break\./)
    await page.assertTextContains('.chain-status', 'intact')
    assert.deepEqual(errors, [])
  })

  test('main pages render for an admin', async ({ visit, assert }) => {
    const { customerId, tag } = await customerWithAccounts([{ currency: 'EUR', amount: '80.00' }])
    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    await signedIn(page, 'admin')

    await page.assertTextContains('h1', 'Dashboard')
    await page.locator('.stat', { hasText: 'Deposits today' }).waitFor()
    await shot(page, 'backoffice_dashboard_admin')

    await page.locator('nav').getByRole('link', { name: 'Customers' }).click()
    await page.waitForURL('**/backoffice/customers')
    await page.assertTextContains('h1', 'Customers')
    await shot(page, 'backoffice_customers')

    await page.goto(`/backoffice/customers/${customerId}`)
    await page.assertTextContains('h1', tag)
    await shot(page, 'backoffice_customer_profile')

    await page.locator('nav').getByRole('link', { name: 'Staff & roles' }).click()
    await page.waitForURL('**/backoffice/staff')
    await page.locator('tbody tr').first().waitFor()
    await shot(page, 'backoffice_staff')

    await page.goto('/backoffice/profile')
    await page.waitForURL('**/backoffice/profile')
    await page.locator('h1').waitFor()
    await shot(page, 'backoffice_profile')
    assert.deepEqual(errors, [])
  })
})
