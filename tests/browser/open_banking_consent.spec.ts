import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { once } from 'node:events'
import { mkdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { createApiCustomer, otpFor } from '#tests/helpers/api'
import { balances, fundAccount, openAccount } from '#tests/helpers/ledger'
import {
  REDIRECT_URI,
  clientToken,
  createAccountConsent,
  createTestPartner,
  exchangeCode,
  partnerFetch,
  pushAuthorization,
} from '#tests/helpers/openbanking'

/**
 * The whole open-banking flow with the customer in Chromium and the
 * partner driven by openid-client: the partner creates a consent and
 * pushes the authorization request; the customer signs in with password
 * and TOTP on the consent page, picks an account and approves; the
 * browser lands on the partner's redirect URI with the code; the partner
 * exchanges it, reads balances with a DPoP-bound token, then does the
 * same for a payment and pays.
 */
test.group('Open banking consent in a browser', () => {
  test('customer approves account access and a payment; the partner reads and pays', async ({ browserContext, assert, cleanup }) => {
    const partner = await createTestPartner({ name: 'Budgetly' })
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id)
    await fundAccount(account, '300.00')
    const payee = await openAccount((await createApiCustomer()).id)
    /* the partner's redirect URI: a real listener, as the partner's web app would be */
    const callbackServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>partner callback</p>'))
    const callbackUrl = new URL(REDIRECT_URI)
    callbackServer.listen(Number(callbackUrl.port), callbackUrl.hostname)
    await once(callbackServer, 'listening')
    cleanup(() => new Promise<void>((resolve) => callbackServer.close(() => resolve())))
    const page = await browserContext.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))

    /** Signs in on the consent page, chooses the account, clicks the decision; the callback URL the browser reached */
    async function consentInBrowser(url: URL, decision: RegExp, otpSteps: number) {
      await page.goto(url.href)
      await page.getByRole('heading', { name: 'Connect Budgetly' }).waitFor()
      if (otpSteps === 0) {
        /* a wrong code first: the page comes back (same-origin Referer) with the error, nothing else said */
        await page.getByLabel('Email').fill(customer.email)
        await page.getByLabel('Password').fill(customer.password)
        await page.getByLabel('Code from your authenticator app').fill('000000')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByText('The e-mail address, password or one-time code is incorrect.').waitFor()
        assert.match(page.url(), /\/consent\//)
      }
      await page.getByLabel('Email').fill(customer.email)
      await page.getByLabel('Password').fill(customer.password)
      await page.getByLabel('Code from your authenticator app').fill(await otpFor(customer, otpSteps))
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText(`Signed in as`).waitFor()
      await page.getByLabel(new RegExp(account.number)).check()
      await page.getByRole('button', { name: decision }).click()
      await page.waitForURL(`${REDIRECT_URI}**`)
      return new URL(page.url())
    }

    const consentId = await createAccountConsent(partner, { Permissions: ['ReadAccountsDetail', 'ReadBalances'] })
    const pushed = await pushAuthorization(partner, consentId)
    const callback = await consentInBrowser(pushed.url, /Allow access/, 0)
    await mkdir(app.makePath('tmp/screenshots'), { recursive: true })
    const tokens = await exchangeCode(partner, callback, pushed)
    const read = await partnerFetch(partner, tokens.access_token, `/api/v1/accounts/${account.id}/balances`)
    assert.equal(read.status, 200)
    assert.equal(read.body.data.booked.amount, '300.00')

    const initiation = {
      InstructionIdentification: 'inv-77',
      EndToEndIdentification: randomUUID().slice(0, 30),
      InstructedAmount: { Amount: '42.50', Currency: 'GBP' },
      CreditorAccount: { SchemeName: 'UK.Strongroom.AccountNumber', Identification: payee.number, Name: 'Corner Shop' },
      RemittanceInformation: { Reference: 'Groceries' },
    }
    const created = await partnerFetch(partner, await clientToken(partner, 'payments'), '/api/v1/domestic-payment-consents', 'POST', {
      Data: { Initiation: initiation },
    })
    assert.equal(created.status, 201)
    const paymentPush = await pushAuthorization(partner, created.body.Data.ConsentId, 'payments')
    const paymentCallback = await consentInBrowser(paymentPush.url, /Confirm payment/, 1)
    await page.screenshot({ path: app.makePath('tmp/screenshots/open_banking_callback.png') })
    const paymentTokens = await exchangeCode(partner, paymentCallback, paymentPush)
    const paid = await partnerFetch(
      partner,
      paymentTokens.access_token,
      '/api/v1/domestic-payments',
      'POST',
      { Data: { ConsentId: created.body.Data.ConsentId, Initiation: initiation } },
      { 'idempotency-key': randomUUID() }
    )
    assert.equal(paid.status, 201, JSON.stringify(paid.body))
    assert.equal((await balances(account.id)).balance, 25750n)
    assert.equal((await balances(payee.id)).balance, 4250n)
    assert.deepEqual(problems, [])
  })
})
