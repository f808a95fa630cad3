#!/usr/bin/env node
/**
 * `npm run chaos`: kill -9 of the app and PostgreSQL restarts under load,
 * then proof that nothing was lost or booked twice. Stops by itself (hard
 * limit 15 minutes); exit code 1 on any violation.
 *
 * 1. a scratch PostgreSQL cluster (initdb + pg_ctl under tmp/chaos-pg, port
 *    CHAOS_PG_PORT): never the machine's shared server
 * 2. node ace build (CHAOS_SKIP_BUILD=1 re-uses build/); migrate; demo:seed
 * 3. the production server (build/bin/server.js), bearer tokens (password + TOTP)
 * 4. CHAOS_CLIENTS concurrent clients posting transfers with Idempotency-Keys,
 *    retrying every undecided answer with the same key (bench/chaos_clients.mjs)
 * 5. faults every CHAOS_FAULT_INTERVAL seconds (CHAOS_FAULTS, default
 *    kill,pg-fast,kill,pg-immediate,kill): kill -9 of the app then restart;
 *    pg_ctl stop -m fast|immediate, CHAOS_PG_DOWN_SECONDS down, start. While
 *    PostgreSQL is down every answer must be a 503 problem+json
 *    E_DATABASE_UNAVAILABLE with Retry-After within CHAOS_OUTAGE_MAX_MS, and
 *    /health/ready must fail, the app process staying up. Time back to
 *    /health/ready is measured after each fault.
 * 6. the load stops once the faults are done and CHAOS_MIN_TRANSFERS are
 *    acknowledged (at most CHAOS_MAX_LOAD_SECONDS)
 * 7. checks (bench/chaos_verify.mjs), node ace ledger:verify and audit:verify
 * 8. report on stdout (markdown) and tmp/chaos-results.json; the cluster is
 *    removed after a clean run (kept after a failed one, or with CHAOS_KEEP_CLUSTER=1)
 */
import { spawn } from 'node:child_process'
import { existsSync, openSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { buildAndSeed, lastLine, log, machine, parseEnv, regionPathsEnv, requestToken, run, sleep, step } from './lib.mjs'
import { ScratchPostgres } from './chaos_postgres.mjs'
import { ChaosClients, OutageRecorder } from './chaos_clients.mjs'
import { snapshot, verify, formatMinor } from './chaos_verify.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const build = join(root, 'build')
const num = (name, fallback) => Number(process.env[name] ?? fallback)
const PORT = num('CHAOS_PORT', 3335)
const BASE = `http://127.0.0.1:${PORT}`
const CLIENTS = num('CHAOS_CLIENTS', 16)
const CUSTOMERS = num('CHAOS_CUSTOMERS', 200)
const TOKENS = num('CHAOS_TOKENS', 48)
const TIGHT = num('CHAOS_TIGHT_PAYERS', 4)
const TIGHT_RATE = num('CHAOS_TIGHT_RATE', 0.05)
const MIN_TRANSFERS = num('CHAOS_MIN_TRANSFERS', 20_000)
const FAULT_INTERVAL = num('CHAOS_FAULT_INTERVAL', 12) * 1000
const FAULTS = (process.env.CHAOS_FAULTS ?? 'kill,pg-fast,kill,pg-immediate,kill').split(',').map((f) => f.trim())
const PG_DOWN = num('CHAOS_PG_DOWN_SECONDS', 5) * 1000
const OUTAGE_MAX_MS = num('CHAOS_OUTAGE_MAX_MS', 5000)
const MAX_LOAD = num('CHAOS_MAX_LOAD_SECONDS', 420) * 1000
const HARD_LIMIT = 15 * 60_000
const serverLog = join(root, 'tmp', 'chaos-server.log')

const started = Date.now()
const pgCluster = new ScratchPostgres({ root, port: num('CHAOS_PG_PORT', 55433) })
const results = { startedAt: new Date().toISOString(), machine: machine(), faults: [], checks: [], violations: [] }
let server // the running app (child process)
let exiting = false

const hardStop = setTimeout(async () => {
  log('hard limit of 15 minutes reached: stopping')
  results.violations.push('hard time limit reached')
  await cleanup()
  process.exit(1)
}, HARD_LIMIT)
hardStop.unref()
process.on('SIGINT', async () => {
  await cleanup()
  process.exit(130)
})

/* Production environment of the server and of the build's ace commands */
const appEnv = {
  ...Object.fromEntries(Object.entries(parseEnv(readFileSync(join(root, '.env.example'), 'utf8'))).filter(([, v]) => v !== '')),
  ...regionPathsEnv(),
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_URL: BASE,
  APP_KEY: randomBytes(32).toString('base64url'),
  /* Production seals the audit trail only with a signing key kept outside the database (Ed25519 seed) */
  AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY ?? randomBytes(32).toString('base64url'),
  LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
  DATABASE_URL: pgCluster.url,
  DB_POOL_MAX: process.env.DB_POOL_MAX ?? '20',
  /* Every client comes from one IP: throttles raised for the run only */
  API_RATE_LIMIT_PER_MINUTE: '100000000',
  AUTH_MAX_FAILURES_PER_EMAIL: '100000000',
  AUTH_MAX_FAILURES_PER_IP: '100000000',
  /* Per-customer daily payment limits out of the way (this run is about faults); every amount
     stays within the low-value exemption of dynamic linking (SCA_LOW_VALUE_EXEMPTION, 30.00) */
  PAYMENT_LIMITS: process.env.CHAOS_PAYMENT_LIMITS ?? 'GBP:1000000.00/100000000.00',
}
const processEnv = (extra = {}) => {
  const env = { ...process.env, ...appEnv, ...extra }
  for (const key of ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_DATABASE']) delete env[key]
  return env
}

try {
  await step(`scratch PostgreSQL on port ${pgCluster.port} (${pgCluster.dir})`, async () => {
    await pgCluster.create()
    await pgCluster.start()
    results.postgres = await pgCluster.version()
    await query(pgCluster.adminUrl, 'create database strongroom_chaos')
  })
  const skipBuild = Boolean(process.env.CHAOS_SKIP_BUILD) && existsSync(join(build, 'bin', 'server.js'))
  if (skipBuild) {
    log('CHAOS_SKIP_BUILD: re-using build/')
    results.buildSkipped = true
  }
  const credentials = await buildAndSeed({
    root,
    ace,
    customers: CUSTOMERS,
    credentialsFile: join(root, 'tmp', 'chaos-credentials.json'),
    ignoreTsErrors: Boolean(process.env.CHAOS_IGNORE_TS_ERRORS),
    skipBuild,
  })
  if (await fetch(`${BASE}/health/live`).then(() => true, () => false)) throw new Error(`port ${PORT} is already in use: set CHAOS_PORT`)

  writeFileSync(serverLog, '')
  await startServer()
  const firstReady = await waitReady(started)
  log(`server ready`)
  const accounts = await usableAccounts()
  const payers = await step(`tokens for ${TOKENS} customers`, () => issueTokens(credentials, accounts))
  const tightPayers = payers.splice(0, Math.min(TIGHT, payers.length - 1))
  const creditorIds = [...accounts.keys()].map(Number)
  results.setup = { customers: CUSTOMERS, payers: payers.length, tightPayers: tightPayers.length, accounts: creditorIds.length, firstReadyMs: firstReady }

  const before = await snapshot(pgCluster.url)
  const clients = new ChaosClients({ baseUrl: BASE, clients: CLIENTS, payers, tightPayers, creditorIds, tightRate: TIGHT_RATE })
  log(`load: ${CLIENTS} clients; faults ${FAULTS.join(', ')} every ${FAULT_INTERVAL / 1000} s; at least ${MIN_TRANSFERS} acknowledged transfers`)
  clients.start()
  const progress = setInterval(() => log(`  ${clients.acked.length} acknowledged, ${clients.stats.retries} retries`), 10_000)
  try {
    for (const fault of FAULTS) {
      await sleep(FAULT_INTERVAL)
      const at = (Date.now() - clients.startedAt) / 1000
      const outcome = fault === 'kill' ? await killApp() : fault.startsWith('pg-') ? await restartPostgres(fault.slice(3), clients) : null
      if (!outcome) throw new Error(`unknown fault "${fault}" (kill, pg-fast, pg-immediate)`)
      results.faults.push({ fault, atSeconds: Math.round(at), ackedSoFar: clients.acked.length, ...outcome })
      log(`  ${fault} at ${at.toFixed(0)} s: back to /health/ready in ${outcome.readyMs} ms`)
    }
    const loadDeadline = clients.startedAt + MAX_LOAD
    while (clients.acked.length < MIN_TRANSFERS && Date.now() < loadDeadline) await sleep(500)
    await sleep(2000)
  } finally {
    clearInterval(progress)
    await clients.stop(Date.now() + 60_000)
  }
  if (clients.acked.length < MIN_TRANSFERS) results.violations.push(`only ${clients.acked.length} transfers acknowledged (< ${MIN_TRANSFERS})`)
  for (const [message, count] of Object.entries(clients.violations)) {
    results.violations.push(`${message} (${count}×)${clients.samples[message] ? `: ${clients.samples[message]}` : ''}`)
  }
  if (clients.unresolved.length) results.violations.push(`${clients.unresolved.length} transfers still undecided after 60 s of retries`)
  results.load = {
    clients: CLIENTS,
    seconds: Math.round((clients.stoppedAt - clients.startedAt) / 1000),
    acknowledged: clients.acked.length,
    perSecond: Math.round(clients.acked.length / ((clients.stoppedAt - clients.startedAt) / 1000)),
    ...clients.stats,
    unresolved: clients.unresolved.length,
  }

  await step('stop the server (SIGTERM)', () => stopServer('SIGTERM'))
  await step('audit:seal', () => ace(['audit:seal']))
  const checked = await step('checks', () => verify(pgCluster.url, before, clients.acked))
  results.checks.push(...checked.checks)
  for (const command of ['ledger:verify', 'audit:verify']) {
    results.checks.push(await step(command, async () => {
      try {
        const { stdout, stderr } = await ace([command])
        return { name: `node ace ${command}`, ok: true, detail: lastLine(stdout + stderr, /verified/i) }
      } catch (error) {
        return { name: `node ace ${command}`, ok: false, detail: lastLine(`${error.stdout}${error.stderr}`, /NOT verified|error|break/i) }
      }
    }))
  }
  for (const c of results.checks) if (!c.ok) results.violations.push(`check failed: ${c.name}: ${c.detail}`)
  results.moneyBefore = formatMinor(before.customerMoney)
} catch (error) {
  results.violations.push(`run failed: ${error.message.split('\n')[0]}`)
  log(`FAILED: ${error.stack ?? error.message}`)
} finally {
  await cleanup()
}

results.durationSeconds = Math.round((Date.now() - started) / 1000)
mkdirSync(join(root, 'tmp'), { recursive: true })
writeFileSync(join(root, 'tmp', 'chaos-results.json'), JSON.stringify(results, null, 2) + '\n')
process.stdout.write('\n' + report(results) + '\n')
log(`done in ${results.durationSeconds} s; results in tmp/chaos-results.json, server log tmp/chaos-server.log`)
process.exit(results.violations.length === 0 ? 0 : 1)

/* ---------------------------------------------------------------- faults */

async function killApp() {
  const t0 = Date.now()
  const pid = server.pid
  await stopServer('SIGKILL')
  await startServer()
  return { readyMs: await waitReady(t0), detail: `pid ${pid} killed (SIGKILL), restarted as ${server.pid}` }
}

/**
 * Stops PostgreSQL, keeps it down PG_DOWN ms while checking that the app
 * answers 503s quickly and stays up, then starts it and measures the time
 * until /health/ready answers 200 again (from the start command).
 */
async function restartPostgres(mode, clients) {
  const pid = server.pid
  const outage = new OutageRecorder(OUTAGE_MAX_MS)
  await pgCluster.stop(mode)
  const downAt = Date.now()
  clients.outage = outage
  while (Date.now() - downAt < PG_DOWN) {
    const t = Date.now()
    const ready = await get('/health/ready', OUTAGE_MAX_MS + 2000)
    outage.ready(ready, Date.now() - t)
    await sleep(250)
  }
  clients.outage = null
  const t0 = Date.now()
  await pgCluster.start()
  const pgStartMs = Date.now() - t0
  const readyMs = await waitReady(t0)
  const crashed = server.pid !== pid || server.exitCode !== null || server.signalCode !== null
  const problems = outage.problems()
  if (crashed) problems.push('the app process exited while PostgreSQL was down')
  for (const p of problems) results.violations.push(`pg-${mode}: ${p}`)
  return {
    readyMs,
    detail: `pg_ctl stop -m ${mode}, down ${((t0 - downAt) / 1000).toFixed(1)} s, pg_ctl start ${pgStartMs} ms; ` +
      `while down: ${outage.summary()}; app process ${crashed ? 'EXITED' : 'stayed up'}`,
  }
}

/* ---------------------------------------------------------------- server */

async function startServer() {
  const out = openSync(serverLog, 'a')
  server = spawn(process.execPath, ['bin/server.js'], { cwd: build, env: processEnv(), stdio: ['ignore', out, out] })
  server.exited = new Promise((resolve) => server.once('exit', resolve))
}

async function stopServer(signal) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return
  server.kill(signal)
  await server.exited
}

/** ms from `since` until /health/ready answers 200 (polled every 100 ms, at most 60 s) */
async function waitReady(since) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the server exited (${server.exitCode}) before it was ready: see tmp/chaos-server.log`)
    const answer = await get('/health/ready', 2000)
    if (answer.status === 200) return Date.now() - since
    await sleep(100)
  }
  throw new Error('the server was not ready within 60 s')
}

async function get(path, timeoutMs) {
  try {
    const response = await fetch(`${BASE}${path}`, { signal: AbortSignal.timeout(timeoutMs) })
    await response.arrayBuffer()
    return { status: response.status }
  } catch (error) {
    return { error: error.cause?.code ?? error.name }
  }
}

/* ---------------------------------------------------------------- setup */

function ace(args, extra = {}) {
  return run(process.execPath, ['ace.js', ...args], { cwd: build, env: processEnv(extra), timeoutMs: 600_000 })
}

async function query(url, sql, values = []) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** Active GBP deposit accounts (current, savings; never a loan account) of verified, active customers: id → customer id */
async function usableAccounts() {
  const rows = await query(
    pgCluster.url,
    `select a.id::text, a.customer_id::int as customer_id from accounts a join customers c on c.id = a.customer_id
      where a.kind in ('current', 'savings') and a.status = 'active' and a.currency = 'GBP'
        and c.status = 'active' and c.kyc_status = 'verified'`
  )
  return new Map(rows.map((r) => [r.id, r.customer_id]))
}

/** Bearer tokens (password + TOTP), 8 at a time; a tight payer pays from its current account only */
async function issueTokens(credentials, accounts) {
  const chosen = credentials.customers
    .filter((c) => c.kycStatus === 'verified' && c.accounts.some((a) => a.kind === 'current' && accounts.has(String(a.id))))
    .slice(0, TOKENS)
  const out = []
  let failure
  for (let i = 0; i < chosen.length; i += 8) {
    await Promise.all(chosen.slice(i, i + 8).map(async (c) => {
      const issued = await requestToken(BASE, c)
      const current = c.accounts.filter((a) => a.kind === 'current' && accounts.has(String(a.id))).map((a) => a.id)
      if (issued.token) {
        out.push({ token: issued.token, customerId: accounts.get(String(current[0])), debtorIds: current })
      } else failure ??= issued.failure
    }))
  }
  if (out.length < 2) throw new Error(`too few tokens issued (${out.length}): POST /api/v1/auth/tokens answered ${failure}`)
  if (failure) log(`  ${chosen.length - out.length} token requests failed, e.g. ${failure}`)
  /* The tight payers first: the lowest current balances */
  const balances = new Map((await query(pgCluster.url, `select id::text, available::text from accounts where kind = 'current'`)).map((r) => [r.id, BigInt(r.available)]))
  return out.sort((a, b) => (balances.get(String(a.debtorIds[0])) < balances.get(String(b.debtorIds[0])) ? -1 : 1))
}

async function cleanup() {
  if (exiting) return
  exiting = true
  await stopServer('SIGKILL').catch(() => {})
  await pgCluster.stop('fast').catch(() => {})
  /* A clean run leaves nothing behind; a failed one keeps the cluster for inspection */
  if (results.violations.length === 0 && !process.env.CHAOS_KEEP_CLUSTER) pgCluster.remove()
}




/* ---------------------------------------------------------------- report */

function report(r) {
  const lines = ['## Chaos run', '']
  if (r.load) {
    const l = r.load
    lines.push(
      `${l.clients} clients for ${l.seconds} s: **${l.acknowledged.toLocaleString('en-GB')} transfers acknowledged** (${l.perSecond}/s through the faults), ` +
        `${l.attempts.toLocaleString('en-GB')} requests, ${l.retries.toLocaleString('en-GB')} retries with the same Idempotency-Key; ` +
        `${l.unknownOutcomes} unknown outcomes, ${l.unknownResolved} resolved, ${l.unresolved} unresolved; ` +
        `${l.replayedAcks} acknowledged by a replay (an earlier attempt had committed).`,
      '',
      `Undecided answers (retried): ${fmtCounts(l.undecidedAnswers)}. Rejections: ${fmtCounts(l.rejections)}.`,
      ''
    )
  }
  if (r.faults.length) {
    lines.push('| # | Fault | At (s) | Back to /health/ready | Detail |', '|---:|---|---:|---:|---|')
    r.faults.forEach((f, i) => lines.push(`| ${i + 1} | ${f.fault} | ${f.atSeconds} | ${(f.readyMs / 1000).toFixed(2)} s | ${f.detail} |`))
    lines.push('')
  }
  if (r.checks.length) {
    lines.push('| Check | Result | Detail |', '|---|---|---|')
    for (const c of r.checks) lines.push(`| ${c.name} | ${c.ok ? 'ok' : '**FAILED**'} | ${c.detail ?? ''} |`)
    lines.push('')
  }
  const m = r.machine
  lines.push(
    `Machine: ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, ${r.postgres ?? 'PostgreSQL ?'} (scratch cluster, fsync on). ` +
      `Whole run ${r.durationSeconds} s (${r.buildSkipped ? 'build re-used; ' : 'build, '}scratch cluster, migrate, seed and checks included).`,
    '',
    r.violations.length ? `**${r.violations.length} violations:**\n${r.violations.map((v) => `- ${v}`).join('\n')}` : '**No violation.**'
  )
  return lines.join('\n')
}

function fmtCounts(counts) {
  const entries = Object.entries(counts ?? {}).sort((a, b) => b[1] - a[1])
  return entries.length ? entries.map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`).join(', ') : 'none'
}
