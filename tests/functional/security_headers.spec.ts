import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { PERMISSIONS_POLICY } from '#middleware/security_headers_middleware'
import { assertProblem, createApiCustomer, tokenFor, uniqueIp } from '#tests/helpers/api'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { openAccount } from '#tests/helpers/ledger'
import { createStaff, PASSWORD } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

function assertPolicies(assert: Assert, response: ApiResponse, what: string) {
  assert.equal(response.header('referrer-policy'), 'same-origin', `${what}: Referrer-Policy`)
  assert.equal(response.header('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`)
  const permissions = response.header('permissions-policy') ?? ''
  assert.equal(permissions, PERMISSIONS_POLICY, `${what}: Permissions-Policy`)
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    assert.include(permissions, `${feature}=()`, `${what}: ${feature} denied`)
  }
}

function assertNotStored(assert: Assert, response: ApiResponse, what: string) {
  assert.match(response.header('cache-control') ?? '', /\bno-store\b/, `${what}: Cache-Control`)
  assertPolicies(assert, response, what)
}

test.group('Security headers: Cache-Control, Referrer-Policy, Permissions-Policy', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('every API response, success or error, is no-store with both policies', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id, { fund: '10.00' })
    const token = await tokenFor(customer.id)
    const ip = uniqueIp()

    const list = await client.get('/api/v1/accounts').bearerToken(token).header('X-Forwarded-For', ip)
    list.assertStatus(200)
    assertNotStored(assert, list, 'GET /api/v1/accounts')
    const transactions = await client.get(`/api/v1/accounts/${account.id}/transactions`).bearerToken(token).header('X-Forwarded-For', ip)
    transactions.assertStatus(200)
    assertNotStored(assert, transactions, 'GET transactions')

    const unauthorized = await client.get('/api/v1/accounts').header('X-Forwarded-For', ip)
    assertProblem(assert, unauthorized, 401, 'E_UNAUTHORIZED')
    assertNotStored(assert, unauthorized, '401')
    const missing = await client.get('/api/v1/nope').header('X-Forwarded-For', ip)
    assertProblem(assert, missing, 404, 'E_ROUTE_NOT_FOUND')
    assertNotStored(assert, missing, '404')
    const invalid = await client.post('/api/v1/auth/tokens').header('X-Forwarded-For', ip).json({ email: 'x' })
    assert.equal(invalid.status(), 422)
    assertNotStored(assert, invalid, '422')
  })

  test('every backoffice page and error page is no-store with both policies', async ({ client, assert }) => {
    const anonymous = new StaffAgent(client)
    const login = await anonymous.get('/backoffice/login')
    login.assertStatus(200)
    assertNotStored(assert, login, 'login page')

    const { agent } = await signedIn(client, 'auditor')
    const dashboard = await agent.get('/backoffice')
    dashboard.assertStatus(200)
    assertNotStored(assert, dashboard, 'dashboard')
    const inertia = await agent.get('/backoffice/customers', { inertia: true })
    inertia.assertStatus(200)
    assertNotStored(assert, inertia, 'Inertia visit')
    const forbidden = await agent.get('/backoffice/teller')
    forbidden.assertStatus(403)
    assertNotStored(assert, forbidden, '403 page')
    const notFound = await agent.get('/backoffice/customers/999999999')
    notFound.assertStatus(404)
    assertNotStored(assert, notFound, '404 page')
    const unknownRoute = await agent.get('/backoffice/no-such-page')
    unknownRoute.assertStatus(404)
    assertNotStored(assert, unknownRoute, 'unknown route')
  })

  test('static files and probes carry the policies too', async ({ client, assert }) => {
    const favicon = await client.get('/favicon.svg')
    favicon.assertStatus(200)
    assertPolicies(assert, favicon, 'static file')
    const live = await client.get('/health/live')
    assertNotStored(assert, live, '/health/live')
  })
})

test.group('CSRF failures answer 403', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a JSON client gets 403 problem+json E_BAD_CSRF_TOKEN, not a redirect', async ({ client, assert }) => {
    const { staff } = await createStaff({ enrolled: true })
    const agent = await new StaffAgent(client).start()
    const response = await agent.post('/backoffice/login', { email: staff.email, password: PASSWORD }, { csrf: false, json: true })
    assertProblem(assert, response, 403, 'E_BAD_CSRF_TOKEN')
    assert.isUndefined(response.header('location'))
    assertNotStored(assert, response, 'CSRF 403')
  })

  test('a browser gets a 403 page saying the form expired; an Inertia visit the error component', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'teller')
    const page = await agent.post('/backoffice/logout', {}, { csrf: false })
    page.assertStatus(403)
    assert.isUndefined(page.header('location'))
    assert.match(page.header('content-type') ?? '', /^text\/html/)
    assert.include(page.text(), 'This form has expired')

    const still = await agent.get('/backoffice', { inertia: true })
    still.assertStatus(200)
    still.assertInertiaComponent('backoffice/dashboard')

    const visit = await agent.post('/backoffice/logout', {}, { csrf: false, inertia: true } as { csrf: boolean })
    visit.assertStatus(403)
    visit.assertInertiaComponent('backoffice/errors/error')
    assert.equal(visit.inertiaProps.status, 403)
  })
})
