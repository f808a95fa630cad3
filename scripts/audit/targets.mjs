/**
 * What the security audit attacks: the start URLs of wapiti (every GET
 * route of the backoffice and of /api/v1, ids filled in from the demo bank,
 * list filters filled in so their parameters are attacked) and the
 * requests sqlmap injects into. Pure functions of the route list
 * (`node ace list:routes --json`) and the demo credentials.
 */

/**
 * Query strings of the list pages, so wapiti and sqlmap attack the filter
 * parameters (names from the validators: app/validators/*.ts). Values are
 * ordinary ones; the scanners replace them with their payloads.
 */
export const QUERIES = {
  '/backoffice/customers': 'q=smith&kyc=verified&sort=number&direction=asc&page=1&perPage=25',
  '/backoffice/staff': 'q=ops&role=admin&status=active&sort=name&direction=asc&page=1',
  '/backoffice/audit': 'actorEmail=admin%40strongroom.test&action=staff.login&subjectType=account&subjectId=1&from=2026-01-01&to=2026-12-31&perPage=25',
  '/backoffice/loans': 'status=submitted&minAmount=100&maxAmount=5000&direction=desc&page=1',
  '/backoffice/risk/alerts': 'status=open&severity=high&sort=createdAt&direction=desc&page=1',
  '/backoffice/approvals': 'status=pending&direction=desc&page=1',
  '/backoffice/accounts/:id': 'from=2026-01-01&to=2026-12-31&direction=debit&page=1',
  '/backoffice/accounts/:id/export': 'from=2026-01-01&to=2026-12-31',
  '/backoffice/queue': 'failedPage=1&deadPage=1&perPage=10',
  '/backoffice/adjustments/create': 'account=1',
  '/api/v1/accounts': 'limit=10',
  '/api/v1/accounts/:id/transactions': 'limit=10&bookedFrom=2026-01-01&bookedTo=2026-12-31',
  '/api/v1/notifications': 'limit=10&unread=true',
  '/api/v1/loans': 'limit=10',
  '/api/v1/loan-applications': 'limit=10',
  '/api/v1/consents': 'limit=10',
}

/**
 * Never requested by the scanners: signing out or changing the scanning
 * staff member's own credentials would end the authenticated scan, and the
 * sign-in / password-reset pages are not behind the session being tested.
 */
export const EXCLUDED = [
  '/backoffice/logout',
  '/backoffice/profile/sign-out-others',
  '/backoffice/profile/password',
  '/backoffice/profile/recovery-codes',
  '/backoffice/staff/:id/deactivate',
  '/backoffice/staff/:id/role',
  '/backoffice/staff/:id/reset-two-factor',
  '/backoffice/login',
  '/backoffice/two-factor',
  '/backoffice/two-factor/enrol',
  '/backoffice/forgot-password',
  '/backoffice/reset-password/:token',
  '/api/v1/auth/tokens/current',
]

/** The routes of `node ace list:routes --json` (grouped by domain) as { pattern, methods } */
export function flattenRoutes(listing) {
  return (Array.isArray(listing) ? listing : Object.values(listing ?? {})).flatMap((group) => group?.routes ?? [])
}

/**
 * wapiti's start URLs under `prefix`: every GET route not excluded, its
 * ids replaced (`ids`: { ':id': '25' } for the pattern's parameters, "1"
 * otherwise), with the list filters of QUERIES.
 */
export function startUrls(routes, { base, prefix, ids = {} }) {
  const urls = new Set()
  for (const route of routes) {
    const pattern = route.pattern
    if (!pattern.startsWith(prefix) || !route.methods.includes('GET') || EXCLUDED.includes(pattern)) continue
    if (pattern.includes('/dev/')) continue
    const path = pattern.replace(/:(\w+)/g, (_, name) => encodeURIComponent(ids[`${pattern}:${name}`] ?? ids[name] ?? '1'))
    const query = QUERIES[pattern]
    urls.add(`${base}${path}${query ? `?${query}` : ''}`)
  }
  return [...urls].sort()
}

/**
 * sqlmap's targets: representative requests of each kind of input (path
 * ids, list filters, JSON bodies), each injected at every marked ("*")
 * point. `auth`: "customer" (bearer token), "staff" (session cookie and
 * CSRF token) or "none".
 */
export function sqlmapTargets({ base, credentials }) {
  const [customer, other] = credentials.customers
  const account = customer.accounts[0]
  return [
    {
      name: 'api-auth-tokens',
      auth: 'none',
      method: 'POST',
      url: `${base}/api/v1/auth/tokens`,
      /* another customer than the scanning one: failed sign-ins must not lock the scanner out */
      data: JSON.stringify({ email: other.email, password: 'wrong-password*', otp: '123456*' }),
    },
    { name: 'api-account', auth: 'customer', method: 'GET', url: `${base}/api/v1/accounts/${account.id}*` },
    {
      name: 'api-transactions',
      auth: 'customer',
      method: 'GET',
      url: `${base}/api/v1/accounts/${account.id}*/transactions?limit=10*&bookedFrom=2026-01-01*&bookedTo=2026-12-31*`,
    },
    { name: 'api-notifications', auth: 'customer', method: 'GET', url: `${base}/api/v1/notifications?limit=10*&unread=true*` },
    {
      name: 'api-loan-application',
      auth: 'customer',
      method: 'POST',
      url: `${base}/api/v1/loan-applications`,
      data: JSON.stringify({
        productId: '1*',
        principal: { amount: '1000.00*', currency: 'GBP*' },
        termCount: 12,
        purpose: 'a new car*',
        monthlyIncome: { amount: '3000.00', currency: 'GBP' },
        monthlyObligations: { amount: '200.00', currency: 'GBP' },
        disbursementAccountId: `${account.id}*`,
      }),
    },
    { name: 'backoffice-customers', auth: 'staff', method: 'GET', url: `${base}/backoffice/customers?q=smith*&kyc=verified*&sort=number*&direction=asc*&page=1*` },
    {
      name: 'backoffice-audit',
      auth: 'staff',
      method: 'GET',
      url: `${base}/backoffice/audit?actorEmail=admin%40strongroom.test*&action=staff.login*&subjectType=account*&subjectId=1*&from=2026-01-01*`,
    },
    { name: 'backoffice-account', auth: 'staff', method: 'GET', url: `${base}/backoffice/accounts/${account.id}*?from=2026-01-01*&direction=debit*` },
    { name: 'backoffice-staff', auth: 'staff', method: 'GET', url: `${base}/backoffice/staff?q=ops*&role=admin*&status=active*&sort=name*` },
  ]
}
