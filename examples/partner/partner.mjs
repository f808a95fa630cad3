#!/usr/bin/env node
/**
 * An example partner fintech ("third-party provider") against a running
 * Strongroom (`npm run up`): the whole open-banking flow with panva's
 * openid-client, the way a partner's backend would do it.
 *
 *   node examples/partner/partner.mjs                 you approve in your browser
 *   node examples/partner/partner.mjs --auto          signs in as a demo customer by itself
 *   options: --base http://localhost:3333  --customer 4 (index in tmp/demo-credentials.json)
 *
 * 1. Registers itself once: makes an ES256 key pair, keeps the private key
 *    in tmp/example-partner.json, and runs `node ace partners:create` with
 *    the public JWKS (staff would do this through the backoffice's
 *    four-eyes request).
 * 2. Account information: a client-credentials token (private_key_jwt,
 *    DPoP-bound) creates an account-access consent; a pushed authorization
 *    request (PAR, PKCE S256) names it; the customer signs in with password
 *    and TOTP on Strongroom's consent page, picks accounts and approves;
 *    the browser comes back to http://127.0.0.1:4999/callback with the
 *    code; the code becomes DPoP-bound tokens; the partner reads accounts
 *    and balances.
 * 3. A payment: a domestic-payment consent for 1.00 GBP to another demo
 *    customer, authorised the same way, then POST /domestic-payments.
 */
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import * as oauth from 'openid-client'
import { exportJWK, generateKeyPair, importJWK } from 'jose'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: process.env.STRONGROOM_URL ?? 'http://localhost:3333' },
    customer: { type: 'string', default: '4' },
    auto: { type: 'boolean', default: false },
  },
})
const BASE = args.base.replace(/\/$/, '')
const REDIRECT_URI = 'http://127.0.0.1:4999/callback'
const STATE_FILE = join(root, 'tmp', 'example-partner.json')
const say = (text) => console.log(`\n▶ ${text}`)

/* 1. The partner's identity: its own key; the bank keeps the public half only */
async function registration() {
  if (existsSync(STATE_FILE)) return JSON.parse(readFileSync(STATE_FILE, 'utf8'))
  say('Registering the example partner (node ace partners:create)')
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = randomUUID()
  const clientId = `example-partner-${randomUUID().slice(0, 8)}`
  mkdirSync(dirname(STATE_FILE), { recursive: true })
  const jwksFile = join(root, 'tmp', 'example-partner.jwks.json')
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }))
  execFileSync(process.execPath, ['ace', 'partners:create', '--name=Example Budgeting App', `--client-id=${clientId}`,
    `--redirect-uri=${REDIRECT_URI}`, `--jwks-file=${jwksFile}`, '--scope=accounts', '--scope=payments'], { cwd: root, stdio: 'inherit' })
  const state = { clientId, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' } }
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 })
  return state
}

const state = await registration()
const privateKey = await importJWK(state.privateJwk, 'ES256')
const config = await oauth.discovery(new URL(`${BASE}/oauth`), state.clientId, { token_endpoint_auth_signing_alg: 'ES256' },
  oauth.PrivateKeyJwt({ key: privateKey, kid: state.privateJwk.kid }), BASE.startsWith('http://') ? { execute: [oauth.allowInsecureRequests] } : {})
const dpop = oauth.getDPoPHandle(config, await oauth.randomDPoPKeyPair('ES256'))
say(`Discovered ${config.serverMetadata().issuer} (PAR required: ${config.serverMetadata().require_pushed_authorization_requests})`)

async function api(token, path, method = 'GET', body, headers = {}) {
  const response = await oauth.fetchProtectedResource(config, token, new URL(`/api/v1${path}`, BASE), method,
    body && JSON.stringify(body), new Headers({ 'content-type': 'application/json', ...headers }), { DPoP: dpop })
  const json = await response.json().catch(() => null)
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

/** PAR for the consent, the customer's approval in a browser, the code exchanged for DPoP-bound tokens */
async function authorise(consentId, scope) {
  const verifier = oauth.randomPKCECodeVerifier()
  const stateParam = oauth.randomState()
  const url = await oauth.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: REDIRECT_URI, scope, state: stateParam, openbanking_intent_id: consentId,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  }, { DPoP: dpop })
  const callback = args.auto ? await approveAsDemoCustomer(url) : await waitForCallback(url)
  return oauth.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: stateParam }, undefined, { DPoP: dpop })
}

function waitForCallback(url) {
  say(`Open this in your browser and approve as a demo customer (README "Demo credentials"):\n  ${url.href}`)
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Done: go back to the terminal.</p>')
      server.close()
      resolve(new URL(req.url, REDIRECT_URI))
    }).listen(4999, '127.0.0.1')
  })
}

/** --auto: the customer's side over HTTP, as the consent page's forms would send it */
async function approveAsDemoCustomer(url) {
  const credentials = JSON.parse(readFileSync(join(root, 'tmp', 'demo-credentials.json'), 'utf8'))
  const customer = credentials.customers[Number(args.customer)]
  const { generate } = await import('otplib')
  const cookies = new Map()
  const go = async (target, body) => {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'x-inertia': 'true', 'x-xsrf-token': decodeURIComponent(cookies.get('XSRF-TOKEN') ?? '') })
    const response = await fetch(target, { method: body ? 'POST' : 'GET', headers, body: body && JSON.stringify(body), redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
    }
    const next = response.headers.get('x-inertia-location') ?? response.headers.get('location')
    if (next) {
      const resolved = new URL(next, target)
      return resolved.href.startsWith(REDIRECT_URI) ? resolved : go(resolved.href)
    }
    const page = JSON.parse((await response.text()).match(/<script[^>]*data-page[^>]*>([\s\S]*?)<\/script>/)?.[1] ?? 'null')
    return { target, page }
  }
  const signIn = await go(url.href)
  say(`Signing in as ${customer.email} on ${new URL(signIn.target).pathname}`)
  for (let wait = 0; ; wait++) {
    const otp = await generate({ secret: customer.totpSecret })
    const decide = await go(`${signIn.target}/sign-in`, { email: customer.email, password: customer.password, otp })
    if (decide.page?.component === 'consent/decide') {
      const accountIds = decide.page.props.accounts.slice(0, 1).map((a) => a.id)
      say(`Approving for account ${decide.page.props.accounts[0].number}`)
      return go(`${decide.target}/decision`, { decision: 'approve', accountIds })
    }
    if (wait > 2) throw new Error(`sign-in failed: ${JSON.stringify(decide.page?.props?.flash ?? decide.page)}`)
    say('That code was used already: waiting for the next 30 s step')
    await new Promise((resolve) => setTimeout(resolve, 31_000))
  }
}

/* 2. Account information */
const cc = await oauth.clientCredentialsGrant(config, { scope: 'accounts payments' }, { DPoP: dpop })
const consent = await api(cc.access_token, '/account-access-consents', 'POST', {
  Data: { Permissions: ['ReadAccountsDetail', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsCredits', 'ReadTransactionsDebits'] },
  Risk: {},
})
say(`Account-access consent ${consent.Data.ConsentId}: ${consent.Data.Status}`)
const tokens = await authorise(consent.Data.ConsentId, 'accounts')
say(`Tokens: ${tokens.token_type} access token (${tokens.expires_in} s), refresh token ${tokens.refresh_token ? 'yes' : 'no'}`)
const accounts = await api(tokens.access_token, '/accounts')
for (const account of accounts.data) {
  const { data } = await api(tokens.access_token, `/accounts/${account.id}/balances`)
  console.log(`  ${account.number} ${account.name ?? account.kind}: ${data.booked.amount} ${data.booked.currency} (available ${data.available.amount})`)
}

/* 3. One payment of 1.00 GBP to another demo customer */
const credentials = existsSync(join(root, 'tmp', 'demo-credentials.json'))
  ? JSON.parse(readFileSync(join(root, 'tmp', 'demo-credentials.json'), 'utf8'))
  : null
const payee = credentials?.customers[0].accounts[0].number
if (!payee) process.exit(0)
const Initiation = {
  InstructionIdentification: `ex-${Date.now()}`,
  EndToEndIdentification: randomUUID().slice(0, 35),
  InstructedAmount: { Amount: '1.00', Currency: 'GBP' },
  CreditorAccount: { SchemeName: 'UK.Strongroom.AccountNumber', Identification: payee, Name: 'Demo payee' },
  RemittanceInformation: { Reference: 'Example partner' },
}
const paymentConsent = await api(cc.access_token, '/domestic-payment-consents', 'POST', { Data: { Initiation }, Risk: {} })
say(`Payment consent ${paymentConsent.Data.ConsentId}: 1.00 GBP to ${payee}`)
const paymentTokens = await authorise(paymentConsent.Data.ConsentId, 'payments')
const funds = await api(paymentTokens.access_token, `/domestic-payment-consents/${paymentConsent.Data.ConsentId}/funds-confirmation`)
say(`Funds available: ${funds.Data.FundsAvailableResult.FundsAvailable}`)
const payment = await api(paymentTokens.access_token, '/domestic-payments', 'POST',
  { Data: { ConsentId: paymentConsent.Data.ConsentId, Initiation }, Risk: {} }, { 'idempotency-key': randomUUID() })
say(`Payment ${payment.Data.DomesticPaymentId}: ${payment.Data.Status}`)
