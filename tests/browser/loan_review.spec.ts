import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { shot, watchErrors } from '#tests/helpers/browser_page'
import { submittedApplication } from '#tests/helpers/loan_review'
import { PASSWORD, createStaff, nextCode } from '#tests/helpers/staff'

/**
 * A loan officer reviews an application in a real browser: from the
 * "Loans" entry of the sidebar to the queue, filtered to the product,
 * opens the application (assessment, schedule preview), takes it,
 * approves it (below the second-officer threshold), disburses it, and
 * finds the money on the borrower's account page.
 */

test.group('Loan review in a browser', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('an officer approves and disburses an application; the borrower’s account shows the money', async ({ visit, assert }) => {
    const { loan, product, account, tag } = await submittedApplication({ principal: 5_000_00n, funds: '100.00' })
    const { staff, secret } = await createStaff({ role: 'loan_officer', enrolled: true })

    const page = await visit('/backoffice/login')
    const errors = watchErrors(page)
    await page.getByLabel('Work email').fill(staff.email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL('**/backoffice/two-factor')
    await page.getByLabel('Authentication code').fill(await nextCode(secret))
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    await page.waitForURL(/\/backoffice$/)

    await page.locator('nav').getByRole('link', { name: 'Loans', exact: true }).click()
    await page.waitForURL('**/backoffice/loans')
    await page.assertTextContains('h1', 'Loans')
    await page.getByLabel('Product').selectOption(String(product.id))
    await page.waitForURL(new RegExp(`product=${product.id}`))
    const row = page.locator('tbody tr', { hasText: `Ada ${tag} Lovelace` })
    await row.waitFor()
    assert.match(await row.innerText(), /5,000\.00 GBP/)
    assert.match(await row.innerText(), /submitted/i)
    await shot(page, 'loan_queue')

    await row.getByRole('link', { name: `Open #${loan.id}` }).click()
    await page.waitForURL(`**/backoffice/loans/${loan.id}`)
    await page.assertTextContains('h1', `Loan #${loan.id}`)
    await page.locator('section', { hasText: 'Assessment' }).getByText('Debt to income', { exact: false }).waitFor()
    await page.getByRole('heading', { name: 'Schedule preview' }).waitFor()

    await page.getByRole('button', { name: 'Take for review' }).click()
    await page.locator('.alert-success', { hasText: 'under review' }).waitFor()

    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    const approve = page.locator('dialog[open]')
    await approve.getByLabel('Reason (optional, audited)').fill('Affordable, stable employment')
    await approve.getByRole('button', { name: 'Approve' }).click()
    await page.locator('.alert-success', { hasText: 'approved' }).waitFor()

    await page.getByRole('button', { name: 'Disburse', exact: true }).click()
    const disburse = page.locator('dialog[open]')
    await disburse.getByText('4,950.00 GBP will be credited', { exact: false }).waitFor()
    await disburse.getByRole('button', { name: 'Disburse' }).click()
    await page.locator('.alert-success', { hasText: '4950.00 GBP paid into' }).waitFor()
    await page.getByRole('heading', { name: 'Repayment schedule' }).waitFor()
    await shot(page, 'loan_disbursed')

    await page.locator('section', { hasText: 'Applicant' }).getByRole('link', { name: account.number }).click()
    await page.waitForURL(`**/backoffice/accounts/${account.id}`)
    await page.locator('.stat', { hasText: 'Balance' }).getByText('5,050.00 GBP').waitFor()
    await page.locator('tbody tr', { hasText: '4,950.00 GBP' }).first().waitFor()
    await shot(page, 'loan_borrower_statement')

    const row2 = await db.from('loans').where('id', loan.id).firstOrFail()
    assert.include(row2, { status: 'active', decided_by: String(staff.id), reviewer_id: String(staff.id) })
    assert.deepEqual(errors, [])
  })
})
