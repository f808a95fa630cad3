import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { createApiCustomer, tokenFor } from '#tests/helpers/api'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { openAccount } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'
import { type FingerprintOptions } from '#tests/helpers/table_fingerprint'
import {
  ACT_WITHOUT_INPUT,
  type Actor,
  type FuzzIds,
  type FuzzRequest,
  STAFF_ACTORS,
  fuzzFieldNames,
  fuzzRoutes,
  requestArbitrary,
} from '#tests/functional/fuzz/request_generator'

/**
 * What the fuzz run may change, and why (everything else must keep its
 * fingerprint):
 * - rate_limits: request and failed-login counters, hit by every request;
 * - adonis_schema*: migration bookkeeping (untouched, but not business data);
 * - staff_sessions.last_seen_at / customer_access_tokens.last_used_at,
 *   updated_at: "seen" times refreshed by every authenticated request (a
 *   session ended or a token revoked still changes the fingerprint);
 * - audit_events rows of these actions, which refused or read-only
 *   requests write on purpose: authorization.denied (403), auth.token.failed
 *   and staff.login.failed (failed sign-ins), staff.session.expired,
 *   account.statement.exported, customer.document.viewed,
 *   customer.pii.viewed, loans.portfolio.exported and
 *   loans.loan.document_viewed (audited reads of real records by GET).
 */
export const FUZZ_FINGERPRINT: FingerprintOptions = {
  /* pgboss.instance: pg-boss's own heartbeat row, rewritten on a timer in every process that started it */
  exclude: ['rate_limits', 'adonis_schema', 'adonis_schema_versions', 'pgboss.instance'],
  ignoreColumns: {
    staff_sessions: ['last_seen_at'],
    customer_access_tokens: ['last_used_at', 'updated_at'],
  },
  auditActionsIgnored: [
    'authorization.denied',
    'auth.token.failed',
    'staff.login.failed',
    'staff.session.expired',
    'account.statement.exported',
    'customer.document.viewed',
    'customer.pii.viewed',
    'loans.portfolio.exported',
    'loans.loan.document_viewed',
  ],
}

interface Credentials {
  customerToken: string
  /** a session that is not signed in (sign-in page visited): its cookie and CSRF token */
  anonymous: { cookie: string; csrfToken: string | null }
  staff: Record<string, { cookie: string; csrfToken: string | null }>
}

export interface FuzzFixture {
  credentials: Credentials
  ids: FuzzIds
}

/** Five signed-in staff members, a customer with a token, another customer's account and transfer */
export async function fuzzFixture(client: any): Promise<FuzzFixture> {
  await resetLoginThrottle()
  const staff: Credentials['staff'] = {}
  for (const role of STAFF_ACTORS) {
    const { staff: member, secret } = await createStaff({ role, enrolled: true })
    const agent = new StaffAgent(client)
    const response = await agent.signIn(member.email, secret)
    if (response.status() !== 302) throw new Error(`fuzz fixture: ${role} could not sign in (${response.status()})`)
    staff[role] = agent.credentials()
  }

  const visitor = await new StaffAgent(client).start()
  const me = await createApiCustomer()
  const other = await createApiCustomer()
  const third = await createApiCustomer()
  const own = await openAccount(me.id, { fund: '1.00' })
  const foreign = await openAccount(other.id, { fund: '1.00' })
  const thirdAccount = await openAccount(third.id)
  const customerToken = await tokenFor(me.id)
  const ownTransfer = await transfer(client, customerToken, own.id, foreign.id)
  const foreignTransfer = await transfer(client, await tokenFor(other.id), foreign.id, thirdAccount.id)

  const existing: string[] = []
  for (const table of ['customers', 'accounts', 'ledger_transactions', 'approvals', 'staff_users', 'audit_events']) {
    const row = await db.from(table).max('id as id').first()
    if (row?.id) existing.push(String(row.id))
  }
  return {
    credentials: { customerToken, staff, anonymous: visitor.credentials() },
    ids: {
      existing,
      foreign: [String(foreign.id), ...(foreignTransfer ? [foreignTransfer] : [])],
      own: [String(own.id), ...(ownTransfer ? [ownTransfer] : [])],
    },
  }
}

/** 1.00 out through the API, so the payer's account is left at zero (nothing to move during the fuzz) */
async function transfer(client: any, token: string, from: number, to: number): Promise<string | null> {
  const response = await client
    .post('/api/v1/transfers')
    .bearerToken(token)
    .header('Idempotency-Key', randomUUID())
    .json({ debtorAccountId: String(from), creditor: { accountId: String(to) }, amount: { amount: '1.00', currency: 'GBP' } })
  return response.status() === 201 ? String(response.body().data.id) : null
}

export interface FuzzFailure {
  request: FuzzRequest
  status: number | string
  body: string
}

export interface FuzzReport {
  runs: number
  seed: number
  routes: number
  byStatus: Record<string, number>
  byActor: Record<string, Record<string, number>>
  failures: FuzzFailure[]
  seconds: number
}

/**
 * Sends `runs` generated requests (seed-stable) with `concurrency` in
 * flight; every 5xx, timeout or connection error is a failure.
 */
export async function runFuzz(
  fixture: FuzzFixture,
  options: { runs: number; seed: number; concurrency: number; baseUrl: string }
): Promise<FuzzReport> {
  const started = Date.now()
  const routes = fuzzRoutes()
  const requests = fc.sample(requestArbitrary(routes, await fuzzFieldNames(), fixture.ids), {
    numRuns: options.runs,
    seed: options.seed,
  })
  const byStatus: Record<string, number> = {}
  const byActor: Record<string, Record<string, number>> = {}
  const failures: FuzzFailure[] = []
  let next = 0
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]
      const { status, body } = await send(request, fixture.credentials, options.baseUrl)
      byStatus[status] = (byStatus[status] ?? 0) + 1
      byActor[request.actor] ??= {}
      byActor[request.actor][status] = (byActor[request.actor][status] ?? 0) + 1
      if (typeof status !== 'number' || status >= 500) failures.push({ request, status, body })
      if (process.env.FUZZ_DEBUG && String(status) === process.env.FUZZ_DEBUG) {
        console.log(status, request.actor, request.method, request.path, request.query.slice(0, 80), request.body.kind, body.slice(0, 120))
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return { runs: requests.length, seed: options.seed, routes: routes.length, byStatus, byActor, failures, seconds: (Date.now() - started) / 1000 }
}

async function send(request: FuzzRequest, credentials: Credentials, baseUrl: string) {
  const headers: Record<string, string> = { 'x-forwarded-for': request.ip, ...request.headers }
  const staff = (STAFF_ACTORS as readonly string[]).includes(request.actor)
    ? credentials.staff[request.actor]
    : request.actor === 'anonymous'
      ? credentials.anonymous
      : null
  applyAuth(headers, request, credentials, staff)
  if (staff && request.csrf !== 'missing') {
    headers['x-csrf-token'] = request.csrf === 'valid' && staff.csrfToken ? staff.csrfToken : 'x'.repeat(40)
  }
  const hasBody = request.body.kind !== 'none' && request.method !== 'GET' && request.method !== 'HEAD'
  if (hasBody && !headers['content-type']) {
    headers['content-type'] = request.body.kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json'
  }
  const url = `${baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`
  try {
    const response = await fetch(url, {
      method: request.method,
      headers,
      body: hasBody ? request.body.text : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    })
    const body = await response.text()
    return { status: response.status, body: body.slice(0, 500) }
  } catch (error: any) {
    return { status: `error:${error?.name ?? 'unknown'}`, body: String(error?.cause?.message ?? error?.message ?? error) }
  }
}

function applyAuth(headers: Record<string, string>, request: FuzzRequest, credentials: Credentials, staff: Credentials['staff'][string] | null) {
  const token = credentials.customerToken
  switch (request.auth) {
    case 'own':
      if (request.actor === 'customer') headers.authorization = `Bearer ${token}`
      if (staff) headers.cookie = staff.cookie
      return
    case 'none':
      return
    case 'garbage-bearer':
      headers.authorization = 'Bearer garbage'
      break
    case 'basic':
      headers.authorization = 'Basic Zm9vOmJhcg=='
      break
    case 'bearer-malformed':
      headers.authorization = 'Bearer oat_.'
      break
    case 'bearer-truncated':
      headers.authorization = `Bearer ${token.slice(0, -3)}`
      break
  }
  /* a staff member with a broken Authorization header still has their cookie, minus CSRF on ACT_WITHOUT_INPUT routes */
  if (staff) headers.cookie = staff.cookie
}

/** The base URL of the test HTTP server the functional suite started */
export function testServerUrl(): string {
  const host = env.get('HOST')
  return `http://${!host || host === '0.0.0.0' || host === 'localhost' ? '127.0.0.1' : host}:${env.get('PORT')}`
}

export function formatReport(report: FuzzReport): string {
  const lines = [
    `fuzz: ${report.runs} requests over ${report.routes} routes (seed ${report.seed}) in ${report.seconds.toFixed(1)} s`,
    'status  count',
    ...Object.entries(report.byStatus)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `${status.padEnd(7)} ${count}`),
    'by actor:',
    ...Object.entries(report.byActor).map(
      ([actor, counts]) => `  ${actor.padEnd(13)} ${Object.entries(counts).map(([status, count]) => `${status}:${count}`).join(' ')}`
    ),
  ]
  for (const failure of report.failures.slice(0, 20)) {
    const { route, actor, method, path, query, body } = failure.request
    lines.push(
      `FAIL ${failure.status} ${route} as ${actor}: ${method} ${path}${query ? `?${query}` : ''} body(${body.kind})=${JSON.stringify(body.text.slice(0, 200))} → ${failure.body.slice(0, 300)}`
    )
  }
  return lines.join('\n')
}

export { ACT_WITHOUT_INPUT, type Actor }
