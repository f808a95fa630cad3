import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import * as oauth from 'openid-client'
import { exportJWK, generateKeyPair } from 'jose'
import openbankingConfig from '#config/openbanking'
import PruneExpiredRows from '#actions/maintenance/prune_expired_rows'
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

  test('a partner revokes its access token (RFC 7009): the API refuses it at once', async ({ assert }) => {
    const partner = await createTestPartner()
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id)
    const consentId = await createAccountConsent(partner, { Permissions: ['ReadAccountsBasic'] })
    const pushed = await pushAuthorization(partner, consentId)
    const callback = await authoriseInBrowser(pushed.url, customer, { approve: true, accountIds: [account.id] })
    const tokens = await exchangeCode(partner, callback, pushed)
    assert.equal((await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')).status, 200)
    await oauth.tokenRevocation(partner.config, tokens.access_token)
    assert.equal((await partnerFetch(partner, tokens.access_token, '/api/v1/accounts')).status, 401)
    assert.isFalse((await oauth.tokenIntrospection(partner.config, tokens.access_token)).active)
  })

  test('node ace partners:create registers a partner with a public JWKS and refuses a private key', async ({ assert }) => {
    const run = promisify(execFile)
    const dir = await mkdtemp(join(tmpdir(), 'partner-'))
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
    const publicFile = join(dir, 'public.json')
    const privateFile = join(dir, 'private.json')
    await writeFile(publicFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256' }] }))
    await writeFile(privateFile, JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), alg: 'ES256' }] }))
    const clientId = `cli-partner-${Date.now()}`
    const ace = (file: string, id: string) =>
      run(process.execPath, ['ace', 'partners:create', '--name=Command Line Partner', `--client-id=${id}`,
        '--redirect-uri=https://partner.example/callback', `--jwks-file=${file}`, '--scope=accounts'], { cwd: app.appRoot.pathname })

    const { stdout } = await ace(publicFile, clientId)
    assert.include(stdout, `client_id: ${clientId}`)
    const row = await db.from('partners').where('client_id', clientId).first()
    assert.deepEqual(row.scopes, ['accounts'])
    assert.equal(row.status, 'active')

    const refused = await ace(privateFile, `${clientId}-2`).then(() => null, (error) => error)
    assert.equal(refused?.code, 1)
    assert.include(String(refused?.stdout) + String(refused?.stderr), 'public keys only')
    assert.isNull(await db.from('partners').where('client_id', `${clientId}-2`).first())
  }).timeout(60_000)
})
