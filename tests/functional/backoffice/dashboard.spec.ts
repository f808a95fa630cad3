import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import {
  StaffAgent,
  createStaff,
  customerWithAccounts,
  resetLoginThrottle,
} from '#tests/functional/backoffice/helpers'

const ROLES: StaffRole[] = ['admin', 'teller', 'loan_officer', 'compliance', 'auditor']

async function signedIn(client: any, role: StaffRole = 'teller') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertHeader('location', '/backoffice')
  return { agent, staff }
}

test.group('Backoffice dashboard', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('redirects a guest to the login page', async ({ client }) => {
    const response = await client.get('/backoffice').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/backoffice/login')
  })

  test('answers 401 problem+json to a JSON guest', async ({ client }) => {
    const response = await client.get('/backoffice').accept('json')
    response.assertStatus(401)
    response.assertBodyContains({ code: 'E_UNAUTHORIZED_ACCESS' })
  })

  test('lists customers with accounts and balances as decimal strings', async ({ client, assert }) => {
    const { tag, customerId, accounts } = await customerWithAccounts([
      { currency: 'GBP', amount: '1234567.89' },
      { currency: 'EUR', amount: '0.05' },
    ])
    const { agent, staff } = await signedIn(client)

    const response = await agent.get(`/backoffice?q=${tag}`, { inertia: true })

    response.assertStatus(200)
    response.assertInertiaComponent('backoffice/dashboard')
    response.assertInertiaPropsContains({
      filters: { q: tag, perPage: 25 },
      can: { viewDashboard: true },
      staff: { id: Number(staff.id), email: staff.email, fullName: staff.fullName, role: 'teller' },
      nav: { home: '/backoffice', logout: '/backoffice/logout' },
    })
    const { data, metadata } = response.inertiaProps.customers
    assert.containsSubset(metadata, { total: 1, currentPage: 1, perPage: 25 })
    assert.deepEqual(data, [
      {
        id: customerId,
        customerNumber: `C${tag}`,
        fullName: `Ada ${tag} Lovelace`,
        email: `ada-${tag}@example.test`,
        kycStatus: 'verified',
        status: 'active',
        accounts: [
          {
            id: accounts[0].id,
            number: accounts[0].number,
            name: 'Current account',
            kind: 'current',
            currency: 'GBP',
            status: 'active',
            balance: { amount: '1234567.89', currency: 'GBP' },
            available: { amount: '1234567.89', currency: 'GBP' },
          },
          {
            id: accounts[1].id,
            number: accounts[1].number,
            name: 'Current account',
            kind: 'current',
            currency: 'EUR',
            status: 'active',
            balance: { amount: '0.05', currency: 'EUR' },
            available: { amount: '0.05', currency: 'EUR' },
          },
        ],
      },
    ])
    assert.notProperty(data[0], 'password')
  })

  test('finds a customer by email, customer number or account number', async ({ client, assert }) => {
    const { tag, accounts } = await customerWithAccounts([{ currency: 'GBP' }])
    const { agent } = await signedIn(client)
    for (const q of [`ada-${tag}@example.test`, `c${tag}`, accounts[0].number.toLowerCase()]) {
      const response = await agent.get(`/backoffice?q=${encodeURIComponent(q)}`, { inertia: true })
      const names = response.inertiaProps.customers.data.map((c: any) => c.fullName)
      assert.deepEqual(names, [`Ada ${tag} Lovelace`], `search "${q}"`)
    }
    const none = await agent.get('/backoffice?q=%25', { inertia: true })
    assert.equal(none.inertiaProps.customers.metadata.total, 0, 'LIKE wildcards are literal')
  })

  test('paginates on the server', async ({ client, assert }) => {
    const shared = randomUUID().slice(0, 8)
    for (let i = 0; i < 7; i++) {
      const { customerId } = await customerWithAccounts([])
      await db.from('customers').where('id', customerId).update({ full_name: `Page ${shared} ${i}` })
    }
    const { agent } = await signedIn(client)
    const page2 = await agent.get(`/backoffice?q=${shared}&perPage=5&page=2`, { inertia: true })
    const { data, metadata } = page2.inertiaProps.customers
    assert.containsSubset(metadata, { total: 7, perPage: 5, currentPage: 2, lastPage: 2 })
    assert.deepEqual(data.map((c: any) => c.fullName), [`Page ${shared} 5`, `Page ${shared} 6`])
  })

  for (const role of ROLES) {
    test(`lets a ${role} view the dashboard`, async ({ client }) => {
      const { agent } = await signedIn(client, role)
      const response = await agent.get('/backoffice', { inertia: true })
      response.assertStatus(200)
      response.assertInertiaComponent('backoffice/dashboard')
      response.assertInertiaPropsContains({ can: { viewDashboard: true }, staff: { role } })
    })
  }

  test('serves the page with CSP, HSTS and HttpOnly SameSite session cookies', async ({ client, assert }) => {
    const response = await client.get('/backoffice/login')
    const csp = response.header('content-security-policy')!
    assert.include(csp, "default-src 'self'")
    assert.match(csp, /script-src 'self' 'nonce-[^']+'/)
    assert.include(csp, "frame-ancestors 'none'")
    assert.include(response.header('strict-transport-security'), 'max-age=')
    const cookies = ([] as string[]).concat(response.header('set-cookie') ?? [])
    const session = cookies.find((c) => c.startsWith('adonis-session='))!
    assert.match(session, /HttpOnly/i)
    assert.match(session, /SameSite=Strict/i)
    assert.isDefined(cookies.find((c) => c.startsWith('XSRF-TOKEN=')))
  })
})

test.group('DashboardPolicy', () => {
  test('denies by default: unknown roles and deactivated staff cannot view', async ({ assert }) => {
    const { Bouncer } = await import('@adonisjs/bouncer')
    const { default: DashboardPolicy } = await import('#policies/dashboard_policy')
    const { staff } = await createStaff({ role: 'teller', enrolled: true })
    const allows = (user: any) => new Bouncer(user).with(DashboardPolicy).allows('view')

    assert.isTrue(await allows(staff))
    staff.role = 'janitor' as any
    assert.isFalse(await allows(staff))
    staff.role = 'admin'
    staff.isActive = false
    assert.isFalse(await allows(staff))
    assert.isFalse(await allows(null))
  })
})
