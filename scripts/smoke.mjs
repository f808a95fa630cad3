#!/usr/bin/env node
/**
 * Smoke test of a running demo bank (after `npm run up`), with the demo
 * credentials: the API (token with password + TOTP, accounts, a transfer and
 * its idempotent replay) and, when Chromium is installed, the backoffice
 * sign-in (password + TOTP) up to the dashboard.
 *
 *   node scripts/smoke.mjs [baseUrl]     default http://localhost:$PORT (3333)
 */
import { readFileSync, existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { generate } from 'otplib'

const base = process.argv[2] ?? `http://localhost:${process.env.PORT ?? 3333}`
const credentials = JSON.parse(readFileSync('tmp/demo-credentials.json', 'utf8'))
let failures = 0
const check = (ok, message) => {
  console.log(`${ok ? '✔' : '✖'} ${message}`)
  if (!ok) failures++
}

async function api(path, { token, body, headers = {} } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: response.status, headers: response.headers, body: await response.json().catch(() => null) }
}

const [alice, bob] = credentials.customers
const tokenResponse = await api('/auth/tokens', {
  body: { email: alice.email, password: alice.password, otp: await generate({ secret: alice.totpSecret }) },
})
const token = tokenResponse.body?.data?.token
check(tokenResponse.status === 201 || tokenResponse.status === 200, `POST /auth/tokens → ${tokenResponse.status}`)

if (token) {
  const accounts = await api('/accounts', { token })
  check(accounts.status === 200 && accounts.body?.data?.length === 2, `GET /accounts → ${accounts.status}, ${accounts.body?.data?.length} accounts`)
  const key = randomUUID()
  const transfer = {
    debtorAccountId: alice.accounts[0].id,
    creditor: { accountNumber: bob.accounts[0].number },
    amount: { amount: '1.23', currency: 'GBP' },
    reference: 'smoke test',
  }
  const first = await api('/transfers', { token, body: transfer, headers: { 'idempotency-key': key } })
  check(first.status === 201, `POST /transfers → ${first.status} ${first.status === 201 ? '' : JSON.stringify(first.body)}`)
  const replay = await api('/transfers', { token, body: transfer, headers: { 'idempotency-key': key } })
  check(replay.headers.get('idempotent-replayed') === 'true', `replay with the same Idempotency-Key → ${replay.status}, Idempotent-Replayed: ${replay.headers.get('idempotent-replayed')}`)
}

if (existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  try {
    const admin = credentials.staff.find((s) => s.role === 'admin')
    const page = await browser.newPage()
    await page.goto(`${base}/backoffice/login`)
    await page.getByLabel('Work email').fill(admin.email)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL('**/backoffice/two-factor', { timeout: 15_000 })
    await page.getByLabel('Authentication code').fill(await generate({ secret: admin.totpSecret }))
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    await page.waitForURL(/\/backoffice$/, { timeout: 15_000 })
    check((await page.locator('h1').innerText()).length > 0, `backoffice: ${admin.email} signed in with password + TOTP`)
  } catch (error) {
    check(false, `backoffice sign-in: ${error.message.split('\n')[0]}`)
  } finally {
    await browser.close()
  }
}

console.log(failures ? `${failures} check(s) failed` : 'all checks passed')
process.exit(failures ? 1 : 0)
