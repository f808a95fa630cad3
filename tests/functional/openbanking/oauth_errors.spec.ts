import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import * as oauth from 'openid-client'
import { generateKeyPair } from 'jose'
import { createApiCustomer } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import { DatabaseProxy, databaseTarget, withDatabaseThrough } from '#tests/helpers/database_proxy'
import {
  REDIRECT_URI,
  authoriseInBrowser,
  baseUrl,
  clientToken,
  createAccountConsent,
  createTestPartner,
  discover,
  exchangeCode,
  newDpop,
  partnerFetch,
  pushAuthorization,
  type TestPartner,
} from '#tests/helpers/openbanking'

const READ_ALL = ['ReadAccountsDetail', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsCredits', 'ReadTransactionsDebits']

/** A consent authorised by a fresh customer for one of their accounts, up to the callback (code not yet exchanged) */
async function authorisedCallback(partner: TestPartner, permissions: string[] = READ_ALL) {
  const customer = await createApiCustomer()
  const account = await openAccount(customer.id)
  const consentId = await createAccountConsent(partner, { Permissions: permissions })
  const pushed = await pushAuthorization(partner, consentId)
  const callback = await authoriseInBrowser(pushed.url, customer, { approve: true, accountIds: [account.id] })
  return { customer, account, consentId, pushed, callback }
}

/** The OAuth error code a rejected openid-client call carries */
async function oauthError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error: any) {
    return error.error ?? error.cause?.error ?? error.code ?? String(error)
  }
  throw new Error('expected the call to fail')
}

test.group('Open banking / OAuth errors (RFC 6749, 7636, 9126, 9449)', () => {
  test('an authorization request that was not pushed is refused', async ({ assert }) => {
    const partner = await createTestPartner()
    const url = oauth.buildAuthorizationUrl(partner.config, {
      redirect_uri: REDIRECT_URI,
      scope: 'accounts',
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    })
    const response = await fetch(url, { redirect: 'manual' })
    const location = response.headers.get('location')
    const error = location ? new URL(location).searchParams.get('error') : ((await response.json()) as any).error
    assert.equal(error, 'invalid_request')
  })

  test('a pushed request without PKCE, with plain PKCE, a foreign redirect URI or no consent is refused', async ({ assert }) => {
    const partner = await createTestPartner()
    const consentId = await createAccountConsent(partner, { Permissions: ['ReadAccountsBasic'] })
    const push = (params: Record<string, string>) =>
      oauth.buildAuthorizationUrlWithPAR(partner.config, { redirect_uri: REDIRECT_URI, scope: 'accounts', ...params }, { DPoP: partner.dpop })
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.randomPKCECodeVerifier())

    assert.equal(await oauthError(push({ openbanking_intent_id: consentId })), 'invalid_request')
    assert.equal(
      await oauthError(push({ openbanking_intent_id: consentId, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' })),
      'invalid_request'
    )
    assert.oneOf(
      await oauthError(push({ openbanking_intent_id: consentId, code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: 'https://evil.example/cb' })),
      ['invalid_request', 'invalid_redirect_uri']
    )
    assert.equal(await oauthError(push({ code_challenge: challenge, code_challenge_method: 'S256' })), 'invalid_request')

    const other = await createTestPartner()
    const foreign = await createAccountConsent(other, { Permissions: ['ReadAccountsBasic'] })
    assert.equal(
      await oauthError(push({ openbanking_intent_id: foreign, code_challenge: challenge, code_challenge_method: 'S256' })),
      'invalid_request'
    )
  })

  test('a wrong code verifier, a reused code and an expired code get invalid_grant; reuse revokes the first tokens', async ({ assert }) => {
    const partner = await createTestPartner()

    const wrong = await authorisedCallback(partner)
    assert.equal(
      await oauthError(exchangeCode(partner, wrong.callback, { ...wrong.pushed, verifier: oauth.randomPKCECodeVerifier() })),
      'invalid_grant'
    )

    const reused = await authorisedCallback(partner)
    const first = await exchangeCode(partner, reused.callback, reused.pushed)
    assert.equal((await partnerFetch(partner, first.access_token, '/api/v1/accounts')).status, 200)
    assert.equal(await oauthError(exchangeCode(partner, reused.callback, reused.pushed)), 'invalid_grant')
    const afterReuse = await partnerFetch(partner, first.access_token, '/api/v1/accounts')
    assert.equal(afterReuse.status, 401)

    const expired = await authorisedCallback(partner)
    await db.rawQuery(`update oauth_records set expires_at = now() - interval '1 second' where model = 'AuthorizationCode'`)
    assert.equal(await oauthError(exchangeCode(partner, expired.callback, expired.pushed)), 'invalid_grant')
  })

  test('a client assertion signed with another key is refused (invalid_client)', async ({ assert }) => {
    const partner = await createTestPartner()
    const { privateKey: stranger } = await generateKeyPair('ES256', { extractable: true })
    const impostor = await discover(partner.partner.clientId, stranger)
    assert.equal(
      await oauthError(oauth.clientCredentialsGrant(impostor, { scope: 'accounts' }, { DPoP: await newDpop(impostor) })),
      'invalid_client'
    )
  })

  test('partner tokens need their DPoP proof: missing, replayed, for another key or sent as Bearer → 401', async ({ assert }) => {
    const partner = await createTestPartner()
    const { callback, pushed } = await authorisedCallback(partner)
    const tokens = await exchangeCode(partner, callback, pushed)
    const url = new URL('/api/v1/accounts', baseUrl())

    const noProof = await fetch(url, { headers: { authorization: `DPoP ${tokens.access_token}` } })
    assert.equal(noProof.status, 401)
    assert.match(noProof.headers.get('www-authenticate') ?? '', /^DPoP error="invalid_dpop_proof"/)

    const bearer = await fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    assert.equal(bearer.status, 401)

    /* capture one real proof, then send it again */
    let captured: Headers | undefined
    partner.config[oauth.customFetch] = (input, init) => {
      captured = new Headers(init.headers)
      return fetch(input, init)
    }
    assert.equal((await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')).status, 200)
    delete partner.config[oauth.customFetch]
    const replay = await fetch(url, { headers: captured })
    assert.equal(replay.status, 401)
    assert.match(replay.headers.get('www-authenticate') ?? '', /replay|already used/i)

    const otherKey = { ...partner, dpop: await newDpop(partner.config) }
    const wrongKey = await partnerFetch(otherKey, tokens.access_token, '/api/v1/accounts')
    assert.equal(wrongKey.status, 401)
    assert.equal(wrongKey.body.code, 'E_INVALID_TOKEN')
  })

  test('a refresh token survives a failed exchange: 5xx while the database is down, then the same token works', async ({ assert }) => {
    const partner = await createTestPartner()
    const { callback, pushed } = await authorisedCallback(partner)
    const tokens = await exchangeCode(partner, callback, pushed)
    const refreshToken = tokens.refresh_token!

    const proxy = new DatabaseProxy(databaseTarget())
    await proxy.start()
    let failure: any
    try {
      await withDatabaseThrough(proxy, async () => {
        await proxy.stop()
        failure = await oauth.refreshTokenGrant(partner.config, refreshToken, undefined, { DPoP: partner.dpop }).catch((e) => e)
      })
    } finally {
      await proxy.stop()
    }
    assert.instanceOf(failure, Error)
    assert.isAtLeast(failure.status ?? failure.cause?.status ?? 500, 500)

    const refreshed = await oauth.refreshTokenGrant(partner.config, refreshToken, undefined, { DPoP: partner.dpop })
    assert.equal((await partnerFetch(partner, refreshed.access_token, '/api/v1/accounts')).status, 200)
    /* not rotated: the same refresh token keeps working (a lost response never strands the partner) */
    assert.notExists(refreshed.refresh_token && refreshed.refresh_token !== refreshToken ? refreshed.refresh_token : undefined)
    await oauth.refreshTokenGrant(partner.config, refreshToken, undefined, { DPoP: partner.dpop })
  })
})

test.group('Open banking / consent enforcement', () => {
  test('permissions decide what a partner reads: no ReadTransactions → 403, Basic hides the account number', async ({ assert }) => {
    const partner = await createTestPartner()
    const { account, callback, pushed } = await authorisedCallback(partner, ['ReadAccountsBasic'])
    const tokens = await exchangeCode(partner, callback, pushed)

    const list = await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')
    assert.equal(list.status, 200)
    assert.notProperty(list.body.data[0], 'number')
    const transactions = await partnerFetch(partner, tokens.access_token, `/api/v1/accounts/${account.id}/transactions`)
    assert.equal(transactions.status, 403)
    assert.equal(transactions.body.code, 'E_CONSENT_PERMISSION_MISSING')
    const balances = await partnerFetch(partner, tokens.access_token, `/api/v1/accounts/${account.id}/balances`)
    assert.equal(balances.status, 403)
  })

  test('customer-only endpoints refuse partner tokens; consent endpoints refuse customer-authorised tokens', async ({ assert }) => {
    const partner = await createTestPartner()
    const { callback, pushed } = await authorisedCallback(partner)
    const tokens = await exchangeCode(partner, callback, pushed)
    const notifications = await partnerFetch(partner, tokens.access_token, '/api/v1/notifications')
    assert.equal(notifications.status, 403)
    assert.equal(notifications.body.code, 'E_PARTNER_TOKEN_NOT_ALLOWED')
    const consent = await partnerFetch(partner, tokens.access_token, '/api/v1/account-access-consents', 'POST', {
      Data: { Permissions: ['ReadAccountsBasic'] },
    })
    assert.equal(consent.status, 403)
  })

  test('a consent the customer revoked stops the partner at once (401) and its refresh token is dead', async ({ assert, client }) => {
    const partner = await createTestPartner()
    const { customer, consentId, callback, pushed } = await authorisedCallback(partner)
    const tokens = await exchangeCode(partner, callback, pushed)
    assert.equal((await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')).status, 200)

    const { tokenFor } = await import('#tests/helpers/api')
    const own = await tokenFor(customer.id)
    const list = await client.get('/api/v1/consents').bearerToken(own)
    list.assertStatus(200)
    const listed = list.body().data.find((c: any) => c.id === consentId)
    assert.equal(listed.status, 'AUTH')
    assert.equal(listed.accessCount, 1)

    const revoked = await client.delete(`/api/v1/consents/${consentId}`).bearerToken(own)
    revoked.assertStatus(204)
    assert.equal((await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')).status, 401)
    assert.equal(
      await oauthError(oauth.refreshTokenGrant(partner.config, tokens.refresh_token!, undefined, { DPoP: partner.dpop })),
      'invalid_grant'
    )
    const partnerView = await partnerFetch(partner, await clientToken(partner), `/api/v1/account-access-consents/${consentId}`)
    assert.equal(partnerView.body.Data.Status, 'CANC')
    const again = await client.delete(`/api/v1/consents/${consentId}`).bearerToken(own)
    again.assertStatus(409)
  })

  test('an expired consent answers 403 E_CONSENT_NOT_AUTHORISED; a suspended partner is an unknown client', async ({ assert }) => {
    const partner = await createTestPartner()
    const { consentId, callback, pushed } = await authorisedCallback(partner)
    const tokens = await exchangeCode(partner, callback, pushed)
    await db.from('openbanking_consents').where('id', consentId).update({ expires_at: new Date(Date.now() - 1000) })
    const expired = await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')
    assert.equal(expired.status, 403)
    assert.equal(expired.body.code, 'E_CONSENT_NOT_AUTHORISED')

    await db.from('partners').where('id', partner.partner.id).update({ status: 'suspended' })
    assert.equal((await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')).status, 401)
    assert.equal(
      await oauthError(oauth.clientCredentialsGrant(partner.config, { scope: 'accounts' }, { DPoP: partner.dpop })),
      'invalid_client'
    )
  })

  test('a partner cannot read or delete another partner\'s consent (404), nor one with a malformed id', async ({ assert }) => {
    const owner = await createTestPartner()
    const other = await createTestPartner()
    const consentId = await createAccountConsent(owner, { Permissions: ['ReadAccountsBasic'] })
    const token = await clientToken(other)
    assert.equal((await partnerFetch(other, token, `/api/v1/account-access-consents/${consentId}`)).status, 404)
    assert.equal((await partnerFetch(other, token, `/api/v1/account-access-consents/${consentId}`, 'DELETE')).status, 404)
    assert.equal((await partnerFetch(other, token, `/api/v1/account-access-consents/aac-${randomUUID()}x`)).status, 404)

    /* the owner may withdraw it before the customer decides (AWAU → CANC) */
    const ownToken = await clientToken(owner)
    assert.equal((await partnerFetch(owner, ownToken, `/api/v1/account-access-consents/${consentId}`, 'DELETE')).status, 204)
    const withdrawn = await partnerFetch(owner, ownToken, `/api/v1/account-access-consents/${consentId}`)
    assert.equal(withdrawn.body.Data.Status, 'CANC')
  })

  test('consent creation validates permissions, expiry and window (422 problem+json) and stores nothing', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const before = await db.from('openbanking_consents').where('partner_id', partner.partner.id).count('* as n')
    for (const data of [
      { Permissions: [] },
      { Permissions: ['ReadEverything'] },
      { Permissions: ['ReadTransactionsBasic'] },
      { Permissions: ['ReadAccountsBasic'], ExpirationDateTime: '2020-01-01T00:00:00Z' },
      { Permissions: ['ReadAccountsBasic'], ExpirationDateTime: '2030-02-30T00:00:00Z' },
      { Permissions: ['ReadAccountsBasic'], TransactionFromDateTime: '2026-05-01T00:00:00Z', TransactionToDateTime: '2026-04-01T00:00:00Z' },
    ]) {
      const response = await partnerFetch(partner, token, '/api/v1/account-access-consents', 'POST', { Data: data })
      assert.equal(response.status, 422, JSON.stringify(data))
      assert.equal(response.body.code, 'E_VALIDATION_ERROR')
    }
    const after = await db.from('openbanking_consents').where('partner_id', partner.partner.id).count('* as n')
    assert.deepEqual(after, before)
  })
})
