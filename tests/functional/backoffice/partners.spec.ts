import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { auditFor } from '#tests/helpers/audit'
import { refusalOn, resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { partnerWithConsent, registrationForm } from '#tests/helpers/partners'
import { FIXTURE_PUBLIC_JWK } from '#database/factories/partner_factory'
import { createApiCustomer } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import {
  authoriseInBrowser,
  createAccountConsent,
  createTestPartner,
  exchangeCode,
  partnerFetch,
  pushAuthorization,
} from '#tests/helpers/openbanking'

/**
 * Partners in the backoffice: registration and reactivation are four-eyes
 * (another administrator approves; never the maker), suspension and
 * revoking a consent act at once; every step is audited in the action's
 * transaction. The role × route matrix (permission_matrix.spec.ts) covers
 * who may do what.
 */
const approvalRow = (id: number | string) => db.from('approvals').where('id', id).firstOrFail()
const partnerRow = (id: number | string) => db.from('partners').where('id', id).firstOrFail()
const latestApproval = (makerId: number | bigint, kind: string) =>
  db.from('approvals').where('maker_id', Number(makerId)).where('kind', kind).orderBy('id', 'desc').first()

test.group('Backoffice partners: registration (four-eyes)', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('the maker files a request; they cannot approve it; a second admin approves and the partner exists with its client id', async ({ client, assert }) => {
    const { agent: adminA, staff: a } = await signedInStaff(client, 'admin')
    const { agent: adminB, staff: b } = await signedInStaff(client, 'admin')
    const form = registrationForm({ scopes: ['accounts', 'payments'], rate_tier: 'premium' })

    const response = await adminA.post('/backoffice/partners', form)
    response.assertHeader('location', '/backoffice/partners')
    assert.match((await adminA.flashAfter(response)).success!, /Another administrator must approve it/)
    await adminA.post('/backoffice/partners', form) // resubmitted: the same request, not a second one
    const approval = (await latestApproval(a.id, 'openbanking.partner_registration'))!
    assert.lengthOf(await db.from('approvals').where('maker_id', Number(a.id)).where('idempotency_key', form.idempotency_key), 1)
    assert.equal(approval.status, 'pending')
    assert.containsSubset(approval.payload, {
      name: form.name,
      keySource: 'jwks',
      jwksUri: null,
      redirectUris: ['https://budgetly.example.com/callback', 'http://127.0.0.1:4999/callback'],
      corsOrigins: ['https://app.budgetly.example.com'],
      scopes: ['accounts', 'payments'],
      rateTier: 'premium',
    })
    assert.deepEqual(JSON.parse(approval.payload.jwks), JSON.parse(form.jwks))
    assert.isNull(await db.from('partners').where('name', form.name).first(), 'nothing registered before approval')
    const listed = await adminA.get('/backoffice/partners', { inertia: true })
    assert.include(listed.inertiaProps.pendingRegistrations.map((r: { id: number }) => r.id), Number(approval.id))

    ;(await adminA.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(403)
    assert.equal((await approvalRow(approval.id)).status, 'pending')
    assert.isNull(await db.from('partners').where('name', form.name).first())

    ;(await adminB.post(`/backoffice/approvals/${approval.id}/approve`, { reason: 'Contract checked' })).assertStatus(302)
    const decided = await approvalRow(approval.id)
    assert.containsSubset(decided, { status: 'approved', checker_id: String(b.id) })
    const partner = await db.from('partners').where('client_id', decided.result.clientId).firstOrFail()
    assert.containsSubset(partner, {
      name: form.name, status: 'active', rate_tier: 'premium', registered_by: String(a.id), jwks_uri: null,
      scopes: ['accounts', 'payments'], cors_origins: ['https://app.budgetly.example.com'],
    })
    assert.equal(decided.result.partnerId, Number(partner.id))
    assert.match(partner.client_id, /^ptr_[A-Za-z0-9_-]{27}$/)

    const [registered, ...more] = await auditFor('openbanking.partner.registered', partner.id)
    assert.lengthOf(more, 0)
    assert.equal(registered.actor_id, String(a.id))
    assert.deepEqual(registered.metadata, { approval_id: String(approval.id), approved_by: String(b.id) })
    assert.lengthOf(await auditFor('approval.requested', approval.id), 1)
    assert.lengthOf(await auditFor('approval.approved', approval.id), 1)

    const page = await adminB.get(`/backoffice/partners/${partner.id}`, { inertia: true })
    page.assertStatus(200)
    page.assertInertiaComponent('backoffice/partners/show')
    assert.containsSubset(page.inertiaProps.partner, {
      clientId: partner.client_id, keySource: 'jwks', status: 'active',
      registeredBy: { id: Number(a.id), fullName: a.fullName },
    })
  })

  test('the form reports field errors on its own fields and files nothing', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client, 'admin')
    const attempts: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ jwks: '{"keys": [' }, 'jwks', /not valid JSON/],
      [{ jwks: JSON.stringify({ keys: [{ ...FIXTURE_PUBLIC_JWK, d: 'private-part' }] }) }, 'jwks', /public keys only/],
      [{ jwks: JSON.stringify({ keys: [{ crv: 'P-256' }] }) }, 'jwks', /Key 1: .*kty/],
      [{ redirect_uris: 'https://ok.example.com/cb\nhttp://partner.example.com/cb' }, 'redirect_uris', /Line 2 \(http:\/\/partner\.example\.com\/cb\): must start with https/],
      [{ redirect_uris: '' }, 'redirect_uris', /./],
      [{ key_source: 'jwks_uri', jwks_uri: '' }, 'jwks_uri', /jwks_uri/],
      [{ scopes: [] }, 'scopes', /./],
      [{ name: 'X' }, 'name', /at least 2/],
    ]
    for (const [override, field, message] of attempts) {
      const response = await agent.post('/backoffice/partners', registrationForm(override))
      response.assertStatus(302)
      const { errors } = await refusalOn(agent, '/backoffice/partners/create')
      assert.match(errors[field] ?? '', message, `${field} for ${JSON.stringify(override)}: ${JSON.stringify(errors)}`)
    }
    assert.isNull(await latestApproval(staff.id, 'openbanking.partner_registration'))
  })

  test('a jwks_uri registration keeps no JWKS', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client, 'admin')
    const form = registrationForm({ key_source: 'jwks_uri', jwks_uri: 'https://budgetly.example.com/jwks.json' })
    ;(await agent.post('/backoffice/partners', form)).assertHeader('location', '/backoffice/partners')
    const approval = (await latestApproval(staff.id, 'openbanking.partner_registration'))!
    assert.containsSubset(approval.payload, { keySource: 'jwks_uri', jwks: null, jwksUri: 'https://budgetly.example.com/jwks.json' })
  })
})

test.group('Backoffice partners: suspension and reactivation', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('suspension acts at once, with a reason, audited; a second suspension is refused', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client, 'admin')
    const { partner } = await partnerWithConsent({ accessCount: 0 })

    await agent.post(`/backoffice/partners/${partner.id}/suspend`, { reason: '' })
    assert.match((await refusalOn(agent, `/backoffice/partners/${partner.id}`)).errors.reason, /./)
    assert.equal((await partnerRow(partner.id)).status, 'active')

    const response = await agent.post(`/backoffice/partners/${partner.id}/suspend`, { reason: 'Contract ended' })
    response.assertHeader('location', `/backoffice/partners/${partner.id}`)
    assert.match((await agent.flashAfter(response)).success!, /suspended/)
    assert.equal((await partnerRow(partner.id)).status, 'suspended')
    const [audit, ...more] = await auditFor('openbanking.partner.suspended', partner.id)
    assert.lengthOf(more, 0)
    assert.containsSubset(audit, {
      actor_type: 'staff', actor_id: String(staff.id), subject_type: 'partner',
      before: { status: 'active' }, after: { status: 'suspended', reason: 'Contract ended' },
    })

    await agent.post(`/backoffice/partners/${partner.id}/suspend`, { reason: 'Again' })
    assert.equal((await refusalOn(agent, `/backoffice/partners/${partner.id}`)).flash.error, 'This partner is already suspended.')
    assert.lengthOf(await auditFor('openbanking.partner.suspended', partner.id), 1)
  })

  test('reactivation is four-eyes: one pending request per partner, never approved by its maker', async ({ client, assert }) => {
    const { agent: adminA, staff: a } = await signedInStaff(client, 'admin')
    const { agent: adminB, staff: b } = await signedInStaff(client, 'admin')
    const { partner } = await partnerWithConsent({ suspended: true, accessCount: 0 })
    const url = `/backoffice/partners/${partner.id}`

    const key = randomUUID()
    ;(await adminA.post(`${url}/reactivate`, { reason: 'Issue fixed', idempotency_key: key })).assertHeader('location', url)
    await adminA.post(`${url}/reactivate`, { reason: 'Issue fixed', idempotency_key: key })
    const approval = (await latestApproval(a.id, 'openbanking.partner_reactivation'))!
    assert.deepEqual(approval.payload, { partnerId: Number(partner.id), name: partner.name, clientId: partner.clientId })
    assert.equal(approval.subject_id, String(partner.id))
    assert.equal((await partnerRow(partner.id)).status, 'suspended')
    const page = await adminA.get(url, { inertia: true })
    assert.equal(page.inertiaProps.pendingReactivation.id, Number(approval.id))

    await adminB.post(`${url}/reactivate`, { idempotency_key: randomUUID() })
    assert.equal(
      (await refusalOn(adminB, url)).flash.error,
      "A reactivation of this partner is already waiting for another administrator's approval."
    )
    ;(await adminA.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(403)
    assert.equal((await partnerRow(partner.id)).status, 'suspended')

    ;(await adminB.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(302)
    assert.equal((await partnerRow(partner.id)).status, 'active')
    const [audit, ...more] = await auditFor('openbanking.partner.reactivated', partner.id)
    assert.lengthOf(more, 0)
    assert.equal(audit.actor_id, String(a.id))
    assert.equal(audit.metadata.approved_by, String(b.id))

    await adminA.post(`${url}/reactivate`, { idempotency_key: randomUUID() })
    assert.equal((await refusalOn(adminA, url)).flash.error, 'This partner is active: there is nothing to reactivate.')
  })
})

test.group('Backoffice partners: the partner page and consents', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('lists the partner by status and shows its consents and the chosen consent\'s access log, newest first, paginated', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'auditor')
    const { partner, consent, customerId, requests } = await partnerWithConsent({ accessCount: 27 })
    const { partner: suspended } = await partnerWithConsent({ suspended: true, accessCount: 0 })

    const active = await agent.get('/backoffice/partners?status=active&perPage=100', { inertia: true })
    active.assertInertiaComponent('backoffice/partners/index')
    const activeIds = active.inertiaProps.partners.data.map((p: { id: number }) => p.id)
    assert.include(activeIds, Number(partner.id))
    assert.notInclude(activeIds, Number(suspended.id))
    const row = active.inertiaProps.partners.data.find((p: { id: number }) => p.id === Number(partner.id))
    assert.containsSubset(row, { clientId: partner.clientId, authorisedConsents: 1, status: 'active' })
    assert.deepEqual(active.inertiaProps.can, { register: false, suspend: false, revokeConsent: false })
    const onlySuspended = await agent.get('/backoffice/partners?status=suspended&perPage=100', { inertia: true })
    assert.include(onlySuspended.inertiaProps.partners.data.map((p: { id: number }) => p.id), Number(suspended.id))

    const page = await agent.get(`/backoffice/partners/${partner.id}`, { inertia: true })
    assert.isNull(page.inertiaProps.accessLog)
    const [shown] = page.inertiaProps.consents.data
    assert.containsSubset(shown, {
      id: consent.id, kind: 'account_access', status: 'AUTH', effectiveStatus: 'AUTH', revocable: true,
      permissions: ['ReadAccountsBasic', 'ReadBalances'], accessCount: 27,
      customer: { id: Number(customerId), url: `/backoffice/customers/${customerId}` },
    })
    assert.equal(shown.urls.accessLog, `/backoffice/partners/${partner.id}?consent=${consent.id}`)

    const first = await agent.get(shown.urls.accessLog, { inertia: true })
    assert.containsSubset(first.inertiaProps.chosenConsent, { id: consent.id, accessCount: 27, customer: { id: Number(customerId), fullName: shown.customer.fullName } })
    assert.match(shown.customer.fullName, /Grace .* Hopper/)
    assert.deepEqual(first.inertiaProps.accessLog.metadata, { total: 27, perPage: 25, currentPage: 1, lastPage: 2 })
    assert.deepEqual(first.inertiaProps.accessLog.data.map((l: { requestId: string }) => l.requestId), requests.slice(2).reverse())
    assert.containsSubset(first.inertiaProps.accessLog.data[0], { method: 'GET', route: 'api.v1.accounts.index', path: '/api/v1/accounts?n=26', status: 200 })
    const second = await agent.get(`${shown.urls.accessLog}&log_page=2`, { inertia: true })
    assert.deepEqual(second.inertiaProps.accessLog.data.map((l: { requestId: string }) => l.requestId), requests.slice(0, 2).reverse())

    const { consent: foreign } = await partnerWithConsent({ accessCount: 0 })
    ;(await agent.get(`/backoffice/partners/${partner.id}?consent=${foreign.id}`, { inertia: true })).assertStatus(404)
    ;(await agent.get(`/backoffice/partners/${partner.id}?consent=not-a-consent`, { inertia: true })).assertStatus(422)
  })

  test('an expired authorised consent shows as EXPD and cannot be revoked from the page', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'compliance')
    const { partner, consent } = await partnerWithConsent({ accessCount: 0 })
    await db.from('openbanking_consents').where('id', consent.id).update({ expires_at: new Date(Date.now() - 60_000) })
    const page = await agent.get(`/backoffice/partners/${partner.id}`, { inertia: true })
    assert.containsSubset(page.inertiaProps.consents.data[0], { status: 'AUTH', effectiveStatus: 'EXPD', revocable: false })
  })

  test('a compliance officer revokes a consent: CANC with the reason, its grant\'s OAuth records gone, audited', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const { partner, consent } = await partnerWithConsent({ accessCount: 1 })
    const { consent: other } = await partnerWithConsent({ accessCount: 0 })
    for (const [model, grantId] of [['AccessToken', consent.grantId], ['RefreshToken', consent.grantId], ['AccessToken', other.grantId]]) {
      await db.table('oauth_records').insert({ model, id: randomUUID(), payload: JSON.stringify({ grantId }), grant_id: grantId })
    }
    const url = `/backoffice/partners/${partner.id}/consents/${consent.id}/revoke`

    await agent.post(url, { reason: '' })
    assert.match((await refusalOn(agent, `/backoffice/partners/${partner.id}`)).errors.reason, /./)
    assert.equal((await db.from('openbanking_consents').where('id', consent.id).firstOrFail()).status, 'AUTH')

    const response = await agent.post(url, { reason: 'Customer called: lost phone' })
    response.assertHeader('location', `/backoffice/partners/${partner.id}?consent=${consent.id}`)
    assert.match((await agent.flashAfter(response)).success!, /revoked/)
    const row = await db.from('openbanking_consents').where('id', consent.id).firstOrFail()
    assert.containsSubset(row, { status: 'CANC', status_reason: 'Customer called: lost phone' })
    assert.lengthOf(await db.from('oauth_records').where('grant_id', consent.grantId!), 0)
    assert.lengthOf(await db.from('oauth_records').where('grant_id', other.grantId!), 1, 'another consent keeps its tokens')
    const [audit] = await auditFor('openbanking.consent.revoked', consent.id)
    assert.containsSubset(audit, {
      actor_type: 'staff', actor_id: String(staff.id), before: { status: 'AUTH' }, after: { status: 'CANC', reason: 'Customer called: lost phone' },
    })
    assert.equal((await db.from('openbanking_access_log').where('consent_id', consent.id)).length, 1, 'the access log stays')

    await agent.post(url, { reason: 'Twice' })
    assert.equal((await refusalOn(agent, `/backoffice/partners/${partner.id}`)).flash.error, 'The consent is not in a status that allows this.')

    ;(await agent.post(`/backoffice/partners/${partner.id}/consents/${other.id}/revoke`, { reason: 'Wrong partner' })).assertStatus(404)
    assert.equal((await db.from('openbanking_consents').where('id', other.id).firstOrFail()).status, 'AUTH')
  })
})

/** A partner with a real DPoP-bound access token under an authorised consent (openid-client, the consent page) */
async function connectedPartner() {
  const partner = await createTestPartner({ scopes: ['accounts'] })
  const customer = await createApiCustomer()
  const account = await openAccount(customer.id)
  const consentId = await createAccountConsent(partner, { Permissions: ['ReadAccountsBasic', 'ReadBalances'] })
  const pushed = await pushAuthorization(partner, consentId)
  const callback = await authoriseInBrowser(pushed.url, customer, { approve: true, accountIds: [account.id] })
  const tokens = await exchangeCode(partner, callback, pushed)
  return { partner, customer, consentId, token: tokens.access_token }
}

test.group('Backoffice partners: what staff actions do to a partner\'s tokens', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('the page logs the partner\'s reads; revoking the consent refuses its token at once', async ({ client, assert }) => {
    const { partner, consentId, token } = await connectedPartner()
    const read = await partnerFetch(partner, token, '/api/v1/accounts')
    assert.equal(read.status, 200, JSON.stringify(read.body))

    const { agent } = await signedInStaff(client, 'admin')
    const page = await agent.get(`/backoffice/partners/${partner.partner.id}?consent=${consentId}`, { inertia: true })
    assert.equal(page.inertiaProps.consents.data[0].id, consentId)
    const [line] = page.inertiaProps.accessLog.data
    assert.containsSubset(line, { method: 'GET', path: '/api/v1/accounts', status: 200 })
    assert.equal(line.interactionId, read.headers.get('x-fapi-interaction-id'))

    const grantId = (await db.from('openbanking_consents').where('id', consentId).firstOrFail()).grant_id
    assert.isAbove((await db.from('oauth_records').where('grant_id', grantId)).length, 0)
    ;(await agent.post(`/backoffice/partners/${partner.partner.id}/consents/${consentId}/revoke`, { reason: 'Fraud report' })).assertStatus(302)
    assert.lengthOf(await db.from('oauth_records').where('grant_id', grantId), 0)
    const refused = await partnerFetch(partner, token, '/api/v1/accounts')
    assert.equal(refused.status, 401, JSON.stringify(refused.body))
  })

  test('a suspended partner\'s token is refused; approved reactivation lets it work again', async ({ client, assert }) => {
    const { partner, token } = await connectedPartner()
    const { agent: adminA } = await signedInStaff(client, 'admin')
    const { agent: adminB, staff: b } = await signedInStaff(client, 'admin')
    const url = `/backoffice/partners/${partner.partner.id}`

    ;(await adminA.post(`${url}/suspend`, { reason: 'Security incident at the partner' })).assertStatus(302)
    const refused = await partnerFetch(partner, token, '/api/v1/accounts')
    assert.equal(refused.status, 401, JSON.stringify(refused.body))

    ;(await adminA.post(`${url}/reactivate`, { idempotency_key: randomUUID() })).assertStatus(302)
    const approval = await db.from('approvals').where({ kind: 'openbanking.partner_reactivation', subject_id: String(partner.partner.id) }).firstOrFail()
    ;(await adminB.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(302)
    assert.equal((await approvalRow(approval.id)).checker_id, String(b.id))
    const again = await partnerFetch(partner, token, '/api/v1/accounts')
    assert.equal(again.status, 200, JSON.stringify(again.body))
  })
})
