import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import type StaffUser from '#models/staff_user'
import { STAFF_ROLES, type StaffRole, roleCan } from '#domain/staff/permissions'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { customersRoutes } from '#tests/functional/backoffice/route_cases/customers'
import { customerPrivacyRoutes } from '#tests/functional/backoffice/route_cases/customer_privacy'
import { accountsRoutes } from '#tests/functional/backoffice/route_cases/accounts'
import { approvalsRoutes } from '#tests/functional/backoffice/route_cases/approvals'
import { auditRoutes } from '#tests/functional/backoffice/route_cases/audit'
import { staffRoutes } from '#tests/functional/backoffice/route_cases/staff'
import { queueRoutes } from '#tests/functional/backoffice/route_cases/queue'
import { devMailRoutes } from '#tests/functional/backoffice/route_cases/dev_mail'
import { riskSettingsRoutes } from '#tests/functional/backoffice/route_cases/risk_settings'
import { riskAlertsRoutes } from '#tests/functional/backoffice/route_cases/risk_alerts'
import { partnersRoutes } from '#tests/functional/backoffice/route_cases/partners'
import { loanPortfolioRoutes } from '#tests/functional/backoffice/route_cases/loan_portfolio'
import { loansRoutes } from '#tests/functional/backoffice/route_cases/loans'
import { loanProductsRoutes } from '#tests/functional/backoffice/route_cases/loan_products'
import * as profile from '#tests/functional/backoffice/route_cases/profile'

/**
 * The role × route matrix, generated: every backoffice route, for every
 * role. The permission matrix (#domain/staff/permissions) says whether the
 * role may; allowed → the route works, forbidden → 403 and not one row of
 * any business table changed.
 */

/** Sign-in and enrolment: reachable before a full staff session exists */
const SIGN_IN_ROUTES = [
  'backoffice.session.create',
  'backoffice.session.store',
  'backoffice.session.destroy',
  'backoffice.two_factor.show',
  'backoffice.two_factor.verify',
  'backoffice.two_factor.enrol',
]

const shellRoutes: RouteCase[] = [
  {
    route: 'backoffice.dashboard',
    permission: 'dashboard.view',
    request: async () => ({ method: 'get', url: '/backoffice' }),
  },
  {
    route: 'backoffice.two_factor.recovery_codes',
    permission: 'signed_in',
    request: async () => ({ method: 'get', url: '/backoffice/two-factor/recovery-codes' }),
    /* shown once, right after enrolment; afterwards it sends the member home */
    allowed: (response) => response.assertStatus(302),
  },
]

const CASES: RouteCase[] = [
  ...shellRoutes,
  ...customersRoutes,
  ...customerPrivacyRoutes,
  ...accountsRoutes,
  ...approvalsRoutes,
  ...auditRoutes,
  ...staffRoutes,
  ...queueRoutes,
  ...profile.profileRoutes,
  ...riskAlertsRoutes,
  ...devMailRoutes,
  ...riskSettingsRoutes,
  ...partnersRoutes,
  ...loanPortfolioRoutes,
  ...loansRoutes,
  ...loanProductsRoutes,
]

const PUBLIC_ROUTES = [...SIGN_IN_ROUTES, ...((profile as { publicRoutes?: string[] }).publicRoutes ?? [])]

/** Tables a refused request may touch: the audit trail (it records the refusal), sessions, counters */
const UNTRACKED = new Set([
  'audit_events',
  'audit_blocks',
  'audit_seals',
  'audit_seal_state',
  'rate_limits',
  'staff_sessions',
  'adonis_schema',
  'adonis_schema_versions',
])

async function fingerprint(): Promise<Record<string, string>> {
  const { rows } = await db.rawQuery(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
  )
  const prints: Record<string, string> = {}
  for (const { table_name: table } of rows) {
    if (UNTRACKED.has(table)) continue
    const result = await db.rawQuery(
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as print
         from "${table}" t`
    )
    prints[table] = result.rows[0].print
  }
  return prints
}

function backofficeRouteNames(): string[] {
  return Object.values(router.toJSON())
    .flat()
    .map((route) => route.name)
    .filter((name): name is string => typeof name === 'string' && name.startsWith('backoffice.'))
}

const agents = new Map<StaffRole, { agent: StaffAgent; staff: StaffUser }>()

async function signedIn(client: any, role: StaffRole, fresh = false) {
  const cached = agents.get(role)
  if (cached && !fresh) return cached
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  const response = await agent.signIn(staff.email, secret)
  response.assertStatus(302)
  const entry = { agent, staff }
  if (!fresh) agents.set(role, entry)
  return entry
}

async function send(agent: StaffAgent, request: Awaited<ReturnType<RouteCase['request']>>) {
  if (request.method === 'get') return agent.get(request.url, { inertia: true })
  if (request.file) return agent.upload(request.url, request.form ?? {}, request.file)
  return agent.post(request.url, request.form ?? {})
}

async function assertWorked(
  response: ApiResponse,
  agent: StaffAgent,
  routeCase: RouteCase,
  method: 'get' | 'post',
  assert: any
) {
  if (routeCase.allowed) return routeCase.allowed(response, agent)
  if (routeCase.permission !== 'signed_in' && response.status() === 403) {
    assert.fail(`${routeCase.route} answered 403 to a role the matrix allows`)
  }
  if (method === 'get') {
    response.assertStatus(200)
  } else {
    response.assertStatus(302)
    const flash = await agent.flashAfter(response)
    assert.isNull(flash.error, `${routeCase.route}: ${flash.error}`)
  }
}

test.group('Backoffice role × route matrix', (group) => {
  group.setup(() => () => agents.clear())
  group.each.setup(() => resetLoginThrottle())

  test('every backoffice route is in the matrix or is a sign-in route', ({ assert }) => {
    const covered = new Set([...CASES.map((c) => c.route), ...PUBLIC_ROUTES])
    const missing = backofficeRouteNames().filter((name) => !covered.has(name))
    assert.deepEqual(missing, [], `routes without a matrix case: ${missing.join(', ')}`)
    const unknown = CASES.map((c) => c.route).filter((name) => !backofficeRouteNames().includes(name))
    assert.deepEqual(unknown, [], `matrix cases for routes that do not exist: ${unknown.join(', ')}`)
  })

  for (const routeCase of CASES) {
    for (const role of STAFF_ROLES) {
      const allowed = routeCase.permission === 'signed_in' || roleCan(role, routeCase.permission)
      const title = `${routeCase.route} as ${role}: ${allowed ? 'allowed' : 'forbidden → 403, nothing changed'}`

      test(title, async ({ client, assert }) => {
        const { agent, staff } = await signedIn(client, role, routeCase.freshSession)
        const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
        const request = await routeCase.request({ staff, maker })

        if (allowed) {
          const response = await send(agent, request)
          await assertWorked(response, agent, routeCase, request.method, assert)
          return
        }
        const before = await fingerprint()
        const response = await send(agent, request)
        response.assertStatus(403)
        if (request.method === 'get') response.assertInertiaComponent('backoffice/errors/error')
        assert.deepEqual(await fingerprint(), before, 'a refused request changed data')
        const [denied] = await db
          .from('audit_events')
          .where('action', 'authorization.denied')
          .where('actor_id', String(staff.id))
          .orderBy('id', 'desc')
          .limit(1)
        assert.equal(denied?.subject_id, routeCase.route)
      })
    }
  }
})
