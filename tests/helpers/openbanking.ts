import { randomUUID } from 'node:crypto'
import * as oauth from 'openid-client'
import { exportJWK, generateKeyPair } from 'jose'
import type { webcrypto } from 'node:crypto'
import env from '#start/env'
import RegisterPartner from '#actions/openbanking/register_partner'
import openbankingConfig from '#config/openbanking'
import type Partner from '#models/partner'
import type { ApiCustomer } from '#tests/helpers/api'
import { otpFor } from '#tests/helpers/api'
import { expectContract } from '#tests/helpers/openapi_contract'

/**
 * The partner side of the open-banking tests, driven with panva's
 * openid-client (PAR, PKCE, private_key_jwt, DPoP), which nobody here
 * wrote: a registered partner with its own ES256 key, a DPoP key per
 * session, and a small cookie-keeping "browser" for the consent page when
 * a test does not need Chromium (tests/browser has the real one).
 */
export const REDIRECT_URI = 'http://127.0.0.1:4999/callback'

let partnerBase: string | undefined

/**
 * Points the partner side at other instances (a load balancer whose URL
 * they have as APP_URL, so their issuer is `<url>/oauth`); undefined: back
 * to the test server.
 */
export function usePartnerBaseUrl(url: string | undefined) {
  partnerBase = url
}

/** The app as the partner reaches it (the test server, or usePartnerBaseUrl's) */
export function baseUrl(): string {
  return partnerBase ?? `http://${env.get('HOST')}:${env.get('PORT')}`
}

export interface TestPartner {
  partner: Partner
  config: oauth.Configuration
  /** the partner's private key (client assertions) */
  privateKey: webcrypto.CryptoKey
  /** a DPoP handle bound to a fresh key pair */
  dpop: oauth.DPoPHandle
}

/** Registers a partner (public JWKS only) and discovers the authorization server as it would */
export async function createTestPartner(
  options: {
    scopes?: Array<'accounts' | 'payments'>
    name?: string
    rateTier?: 'sandbox' | 'standard' | 'premium'
    corsOrigins?: string[]
  } = {}
): Promise<TestPartner> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kty: 'EC', alg: 'ES256', use: 'sig', kid: randomUUID() }
  const partner = await new RegisterPartner().handle({
    partner: {
      name: options.name ?? `Test Partner ${randomUUID().slice(0, 8)}`,
      jwks: { keys: [jwk] },
      redirectUris: [REDIRECT_URI],
      scopes: options.scopes ?? ['accounts', 'payments'],
      rateTier: options.rateTier,
      corsOrigins: options.corsOrigins,
    },
    actor: { type: 'system' },
    context: { ip: null, requestId: null },
  })
  const config = await discover(partner.clientId, privateKey)
  return { partner, config, privateKey, dpop: await newDpop(config) }
}

export async function discover(clientId: string, privateKey: webcrypto.CryptoKey): Promise<oauth.Configuration> {
  return oauth.discovery(
    new URL(partnerBase ? `${partnerBase}/oauth` : openbankingConfig.issuer),
    clientId,
    { token_endpoint_auth_signing_alg: 'ES256' },
    oauth.PrivateKeyJwt(privateKey),
    { execute: [oauth.allowInsecureRequests] }
  )
}

export async function newDpop(config: oauth.Configuration): Promise<oauth.DPoPHandle> {
  return oauth.getDPoPHandle(config, await oauth.randomDPoPKeyPair('ES256'))
}

/** A client-credentials token (DPoP-bound) for the consent endpoints */
export async function clientToken(p: TestPartner, scope = 'accounts'): Promise<string> {
  const tokens = await oauth.clientCredentialsGrant(p.config, { scope }, { DPoP: p.dpop })
  return tokens.access_token
}

/**
 * A request to /api/v1 with a DPoP-bound token, through openid-client (proof
 * made per request); the response is checked against the OpenAPI document
 * like the api client's (a violation fails the test).
 */
export async function partnerFetch(
  p: TestPartner,
  token: string,
  path: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {}
) {
  /* a 401 with a WWW-Authenticate challenge is thrown by openid-client: the test wants the response */
  const url = new URL(path, baseUrl())
  const response = await oauth
    .fetchProtectedResource(
      p.config,
      token,
      url,
      method,
      body === undefined ? undefined : JSON.stringify(body),
      new Headers({ ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }),
      { DPoP: p.dpop }
    )
    .catch((error) => {
      if (error instanceof oauth.WWWAuthenticateChallengeError && error.response) return error.response
      throw error
    })
  await expectContract(method, url.href, response)
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
}

/** Creates an account-access consent and returns its id */
export async function createAccountConsent(p: TestPartner, data: Record<string, unknown>): Promise<string> {
  const token = await clientToken(p)
  const response = await partnerFetch(p, token, '/api/v1/account-access-consents', 'POST', { Data: data, Risk: {} })
  if (response.status !== 201) throw new Error(`consent not created: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.Data.ConsentId
}

/** Pushes the authorization request (PAR) for a consent; the URL to send the customer's browser to */
export async function pushAuthorization(p: TestPartner, consentId: string, scope = 'accounts') {
  const verifier = oauth.randomPKCECodeVerifier()
  const state = oauth.randomState()
  const url = await oauth.buildAuthorizationUrlWithPAR(
    p.config,
    {
      redirect_uri: REDIRECT_URI,
      scope,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      openbanking_intent_id: consentId,
    },
    { DPoP: p.dpop }
  )
  return { url, verifier, state }
}

/** Exchanges the code of the callback URL for tokens (DPoP-bound) */
export function exchangeCode(p: TestPartner, callback: URL, pushed: { verifier: string; state: string }) {
  return oauth.authorizationCodeGrant(p.config, callback, { pkceCodeVerifier: pushed.verifier, expectedState: pushed.state }, undefined, {
    DPoP: p.dpop,
  })
}

/**
 * A minimal browser for the consent page: keeps cookies, follows the
 * authorization server's redirects, posts the page's forms the way
 * Inertia does (X-Inertia, X-XSRF-TOKEN) and stops at the partner's
 * redirect URI, whose URL it returns.
 */
export class ConsentBrowser {
  private cookies = new Map<string, string>()

  async open(url: string | URL): Promise<{ url: URL; status: number; page?: { component: string; props: any } }> {
    let next = new URL(url, baseUrl())
    for (let hop = 0; hop < 10; hop++) {
      if (next.href.startsWith(REDIRECT_URI)) return { url: next, status: 303 }
      const response = await this.request(next, 'GET')
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        next = new URL(location, next)
        continue
      }
      const html = await response.text()
      const script = html.match(/<script[^>]*data-page[^>]*>([\s\S]*?)<\/script>/)
      const attribute = html.match(/<div[^>]*data-page="([^"]*)"/)
      const page = script ? JSON.parse(script[1]) : attribute ? JSON.parse(decodeHtml(attribute[1])) : undefined
      return { url: next, status: response.status, page }
    }
    throw new Error('too many redirects')
  }

  /** Posts a form like Inertia; follows an X-Inertia-Location or redirect; returns where it ended */
  async post(path: string, form: Record<string, unknown>) {
    const response = await this.request(new URL(path, baseUrl()), 'POST', form)
    const location = response.headers.get('x-inertia-location') ?? response.headers.get('location')
    if (location) return this.open(location)
    const text = await response.text()
    return { url: new URL(path, baseUrl()), status: response.status, page: text.startsWith('{') ? JSON.parse(text) : undefined }
  }

  /** Signs the customer in on the consent page (password + current TOTP code) */
  signIn(uidPath: string, customer: ApiCustomer, otp?: string) {
    return (async () =>
      this.post(`${uidPath}/sign-in`, { email: customer.email, password: customer.password, otp: otp ?? (await otpFor(customer)) }))()
  }

  private async request(url: URL, method: string, body?: Record<string, unknown>) {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    if (method === 'POST') {
      headers['content-type'] = 'application/json'
      headers['x-inertia'] = 'true'
      headers['accept'] = 'text/html, application/xhtml+xml'
      const xsrf = this.cookies.get('XSRF-TOKEN')
      if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    }
    const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1)
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }
}

function decodeHtml(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
}

/**
 * The whole customer side: open the pushed authorization URL, sign in,
 * choose accounts and approve (or reject); returns the partner's callback URL.
 */
export async function authoriseInBrowser(
  url: URL,
  customer: ApiCustomer,
  decision: { approve: boolean; accountIds: number[] }
): Promise<URL> {
  const browser = new ConsentBrowser()
  const signInPage = await browser.open(url)
  if (signInPage.page?.component !== 'consent/sign_in') {
    throw new Error(`expected the sign-in page, got ${signInPage.status} ${signInPage.url} ${JSON.stringify(signInPage.page)}`)
  }
  const decidePage = await browser.signIn(signInPage.url.pathname, customer)
  if (decidePage.page?.component !== 'consent/decide') {
    throw new Error(`expected the decision page, got ${decidePage.status} ${decidePage.url} ${JSON.stringify(decidePage.page)}`)
  }
  const done = await browser.post(`${decidePage.url.pathname}/decision`, {
    decision: decision.approve ? 'approve' : 'reject',
    accountIds: decision.accountIds,
  })
  if (!done.url.href.startsWith(REDIRECT_URI)) throw new Error(`expected the partner callback, got ${done.status} ${done.url}`)
  return done.url
}
