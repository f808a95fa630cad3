import { test } from '@japa/runner'
import * as oauth from 'openid-client'
import { createApiCustomer } from '#tests/helpers/api'
import { fundAccount, openAccount } from '#tests/helpers/ledger'
import {
  authoriseInBrowser,
  baseUrl,
  createAccountConsent,
  createTestPartner,
  exchangeCode,
  partnerFetch,
  pushAuthorization,
} from '#tests/helpers/openbanking'
import openbankingConfig from '#config/openbanking'
import db from '@adonisjs/lucid/services/db'
import PruneExpiredRows from '#actions/maintenance/prune_expired_rows'

test.group('Open banking / authorization server (FAPI 2.0)', () => {
  test('publishes FAPI 2.0 metadata: PAR required, PKCE S256, private_key_jwt, DPoP, iss, no password grant', async ({ assert }) => {
    const response = await fetch(new URL('/oauth/.well-known/openid-configuration', baseUrl()))
    assert.equal(response.status, 200)
    const metadata = (await response.json()) as Record<string, any>
    assert.equal(metadata.issuer, openbankingConfig.issuer)
    assert.isTrue(metadata.require_pushed_authorization_requests)
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256'])
    assert.deepEqual(metadata.token_endpoint_auth_methods_supported, ['private_key_jwt'])
    assert.isTrue(metadata.authorization_response_iss_parameter_supported)
    assert.includeMembers(metadata.dpop_signing_alg_values_supported, ['ES256', 'PS256'])
    assert.deepEqual(metadata.response_types_supported, ['code'])
    assert.notInclude(metadata.grant_types_supported, 'password')
    assert.notInclude(metadata.grant_types_supported, 'implicit')

    const rfc8414 = await fetch(new URL('/.well-known/oauth-authorization-server/oauth', baseUrl()))
    assert.equal(rfc8414.status, 200)
    assert.equal(((await rfc8414.json()) as any).issuer, openbankingConfig.issuer)
  })

  test('a partner reads only the consented accounts, with a DPoP-bound token carrying the consent', async ({ assert }) => {
    const partner = await createTestPartner()
    const customer = await createApiCustomer()
    const shared = await openAccount(customer.id)
    const notShared = await openAccount(customer.id)
    await fundAccount(shared, '120.50')

    const consentId = await createAccountConsent(partner, {
      Permissions: ['ReadAccountsDetail', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsCredits', 'ReadTransactionsDebits'],
    })
    const pushed = await pushAuthorization(partner, consentId)
    const callback = await authoriseInBrowser(pushed.url, customer, { approve: true, accountIds: [shared.id] })
    assert.equal(callback.searchParams.get('iss'), openbankingConfig.issuer)

    const tokens = await exchangeCode(partner, callback, pushed)
    assert.equal(tokens.token_type.toLowerCase(), 'dpop')
    assert.isString(tokens.refresh_token)

    const accounts = await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')
    assert.equal(accounts.status, 200, JSON.stringify(accounts.body))
    assert.deepEqual(accounts.body.data.map((a: any) => a.id), [String(shared.id)])
    assert.isString(accounts.headers.get('x-fapi-interaction-id'))

    const balances = await partnerFetch(partner, tokens.access_token, `/api/v1/accounts/${shared.id}/balances`)
    assert.equal(balances.status, 200)
    assert.equal(balances.body.data.booked.amount, '120.50')

    const other = await partnerFetch(partner, tokens.access_token, `/api/v1/accounts/${notShared.id}`)
    assert.equal(other.status, 404)
    assert.equal(other.body.code, 'E_ACCOUNT_NOT_FOUND')

    const introspection = await oauth.tokenIntrospection(partner.config, tokens.access_token)
    assert.isTrue(introspection.active)
    assert.equal(introspection.openbanking_intent_id, consentId)
  })

  test('the daily prune job deletes the authorization server rows that expired over a day ago', async ({ assert }) => {
    const tag = `prune-${Date.now()}`
    await db.table('oauth_records').multiInsert([
      { model: 'AccessToken', id: `${tag}-old`, payload: '{}', expires_at: new Date(Date.now() - 2 * 86_400_000) },
      { model: 'AccessToken', id: `${tag}-recent`, payload: '{}', expires_at: new Date(Date.now() - 60_000) },
      { model: 'AccessToken', id: `${tag}-live`, payload: '{}', expires_at: new Date(Date.now() + 60_000) },
    ])
    const deleted = await new PruneExpiredRows().handle()
    assert.isAtLeast(deleted.oauthRecords, 1)
    const left = await db.from('oauth_records').whereLike('id', `${tag}-%`).orderBy('id').select('id')
    assert.deepEqual(left.map((r) => r.id), [`${tag}-live`, `${tag}-recent`])
  })
})
