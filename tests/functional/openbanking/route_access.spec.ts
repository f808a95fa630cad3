import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { createApiCustomer, tokenFor } from '#tests/helpers/api'
import { ConsentBrowser, clientToken, createTestPartner, partnerFetch } from '#tests/helpers/openbanking'

/** Every partner route, with a body that would otherwise be looked at */
const PARTNER_ROUTES: Array<[method: 'get' | 'post' | 'delete' | 'patch', path: string]> = [
  ['post', '/api/v1/account-access-consents'],
  ['get', `/api/v1/account-access-consents/aac-${randomUUID()}`],
  ['delete', `/api/v1/account-access-consents/aac-${randomUUID()}`],
  ['post', '/api/v1/domestic-payment-consents'],
  ['get', `/api/v1/domestic-payment-consents/pdc-${randomUUID()}`],
  ['get', `/api/v1/domestic-payment-consents/pdc-${randomUUID()}/funds-confirmation`],
  ['post', '/api/v1/domestic-payments'],
  ['get', `/api/v1/domestic-payments/dp-${randomUUID()}`],
  ['get', `/api/v1/domestic-payments/dp-${randomUUID()}/payment-details`],
  ['post', '/api/v1/event-subscriptions'],
  ['get', '/api/v1/event-subscriptions'],
  ['post', '/api/v1/events'],
]

test.group('Open banking / who may call which route', () => {
  test('every partner route refuses no token and a customer\'s bearer token (401, WWW-Authenticate: DPoP) and reads nothing', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const bearer = await tokenFor(customer.id)
    for (const [method, path] of PARTNER_ROUTES) {
      for (const token of [null, bearer]) {
        let request = client[method](path).header('Idempotency-Key', randomUUID())
        if (token) request = request.bearerToken(token)
        const response = await (method === 'get' || method === 'delete' ? request : request.json({ Data: {} }))
        assert.equal(response.status(), 401, `${method.toUpperCase()} ${path} ${token ? 'customer token' : 'no token'}`)
        assert.equal(response.body().code, 'E_INVALID_TOKEN')
        assert.match(response.header('www-authenticate') ?? '', /^DPoP /)
      }
    }
  })

  test('a partner\'s client-credentials token cannot use the customer\'s own routes (403)', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    for (const [method, path] of [['GET', '/api/v1/consents'], ['GET', '/api/v1/accounts'], ['GET', '/api/v1/notifications']] as const) {
      const response = await partnerFetch(partner, token, path, method)
      assert.equal(response.status, 403, path)
      assert.equal(response.body.code, 'E_PARTNER_TOKEN_NOT_ALLOWED')
    }
  })

  test('the consent page refuses an unknown or expired interaction (410) and changes nothing', async ({ assert }) => {
    const uid = randomUUID()
    const browser = new ConsentBrowser()
    const page = await browser.open(`/consent/${uid}`)
    assert.equal(page.status, 410)
    assert.equal(page.page?.component, 'consent/expired')
    const signIn = await browser.post(`/consent/${uid}/sign-in`, { email: 'a@b.test', password: 'x', otp: '123456' })
    assert.equal(signIn.status, 410)
    const decision = await browser.post(`/consent/${uid}/decision`, { decision: 'approve', accountIds: [1] })
    assert.equal(decision.status, 410)
  })
})
