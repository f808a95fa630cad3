import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import PostTransfer from '#actions/ledger/post_transfer'
import { Money } from '#domain/money/money'
import { pendingRoleChange } from '#tests/helpers/approvals'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

const ROLES: StaffRole[] = ['admin', 'teller', 'loan_officer', 'compliance', 'auditor']
const teller = { type: 'staff' as const, id: 1 }

async function signedIn(client: any, role: StaffRole = 'teller') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertHeader('location', '/backoffice')
  return { agent, staff }
}

/** Today's volume of one kind in one currency from the page (zero when absent) */
function volume(props: any, kind: 'deposit' | 'withdrawal' | 'transfer', currency: string) {
  const row = props.today[kind].find((v: any) => v.currency === currency)
  return { count: row?.count ?? 0, amount: Money.fromDecimal(row?.amount ?? '0', currency) }
}

const minus = (a: Money, b: Money) => Money.of(a.minor - b.minor, a.currency).toDecimalString()

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

  test("shows today's deposits, withdrawals and transfers per currency as decimal strings", async ({ client, assert }) => {
    const { agent } = await signedIn(client)
    const before = (await agent.get('/backoffice', { inertia: true })).inertiaProps

    const { accounts } = await customerWithAccounts([
      { currency: 'USD', amount: '1000.10' },
      { currency: 'USD', amount: '0.05' },
      { currency: 'EUR', amount: '700.50' },
    ])
    await (await app.container.make(PostWithdrawal)).handle({
      accountId: accounts[0].id, amount: Money.fromDecimal('250.00', 'USD'), idempotencyKey: randomUUID(), actor: teller,
    })
    await (await app.container.make(PostTransfer)).handle({
      debtorAccountId: accounts[0].id, creditor: { accountId: accounts[1].id }, amount: Money.fromDecimal('12.34', 'USD'),
      idempotencyKey: randomUUID(), actor: teller,
    })

    const response = await agent.get('/backoffice', { inertia: true })
    response.assertStatus(200)
    response.assertInertiaComponent('backoffice/dashboard')
    const after = response.inertiaProps
    assert.equal(after.today.date, new Date().toISOString().slice(0, 10))

    const delta = (kind: 'deposit' | 'withdrawal' | 'transfer', currency: string) => {
      const [a, b] = [volume(after, kind, currency), volume(before, kind, currency)]
      return { count: a.count - b.count, amount: minus(a.amount, b.amount) }
    }
    assert.deepEqual(delta('deposit', 'USD'), { count: 2, amount: '1000.15' })
    assert.deepEqual(delta('deposit', 'EUR'), { count: 1, amount: '700.50' })
    assert.deepEqual(delta('withdrawal', 'USD'), { count: 1, amount: '250.00' })
    assert.deepEqual(delta('transfer', 'USD'), { count: 1, amount: '12.34' })
    for (const v of after.today.deposit) assert.isString(v.amount)

    const { rows } = await db.rawQuery(
      `select count(*)::int as n, coalesce(sum(amount), 0)::text as minor from ledger_transactions
        where kind = 'deposit' and currency = 'USD' and booked_at >= (now() at time zone 'UTC')::date::timestamp at time zone 'UTC'`
    )
    assert.deepEqual(volume(after, 'deposit', 'USD').count, rows[0].n)
    assert.equal(volume(after, 'deposit', 'USD').amount.minor, BigInt(rows[0].minor))
  })

  test('counts new customers today, pending approvals (linked to the inbox) and frozen accounts', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'admin')
    const before = (await agent.get('/backoffice', { inertia: true })).inertiaProps.today

    const { accounts } = await customerWithAccounts([{ currency: 'GBP' }])
    await customerWithAccounts([])
    await db.from('accounts').where('id', accounts[0].id).update({ status: 'frozen', status_reason: 'test' })
    const { staff: maker } = await createStaff({ role: 'admin' })
    await pendingRoleChange(maker)

    const response = await agent.get('/backoffice', { inertia: true })
    const after = response.inertiaProps.today
    assert.equal(after.newCustomersToday - before.newCustomersToday, 2)
    assert.equal(after.pendingApprovals - before.pendingApprovals, 1)
    assert.equal(after.frozenAccounts - before.frozenAccounts, 1)
    const pending = await db.from('approvals').where('status', 'pending').count('* as n')
    assert.equal(after.pendingApprovals, Number(pending[0].n))
    response.assertInertiaPropsContains({ urls: { approvals: '/backoffice/approvals' }, can: { viewApprovals: true } })
    assert.notProperty(response.inertiaProps, 'customers', 'the customer directory moved to its own page')
  })

  test('charts the last 30 days with every day present, today last, from SQL', async ({ client, assert }) => {
    await customerWithAccounts([{ currency: 'GBP', amount: '10.01' }])
    const { agent } = await signedIn(client, 'auditor')
    const { charts } = (await agent.get('/backoffice', { inertia: true })).inertiaProps

    const today = new Date().toISOString().slice(0, 10)
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.parse(today) - (29 - i) * 86_400_000).toISOString().slice(0, 10))
    for (const series of [charts.transactions, charts.customers, charts.deposits.points]) {
      assert.deepEqual(series.map((p: any) => p.day), days)
      for (const point of series) assert.isAtLeast(point.value, 0)
    }
    assert.equal(charts.deposits.currency, 'GBP')

    const { rows } = await db.rawQuery(
      `select count(*)::int as n,
              coalesce(sum(amount) filter (where kind = 'deposit' and currency = 'GBP'), 0)::text as gbp
         from ledger_transactions where booked_at >= (now() at time zone 'UTC')::date::timestamp at time zone 'UTC'`
    )
    assert.equal(charts.transactions.at(-1).value, rows[0].n)
    assert.isAtLeast(charts.customers.at(-1).value, 1)
    assert.equal(charts.deposits.points.at(-1).amount, Money.fromMinorString(rows[0].gbp, 'GBP').toDecimalString())
    assert.equal(charts.transactions[0].value, 0, 'a day without activity is 0, not missing')
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
