#!/usr/bin/env node
/**
 * `npm run bench`: transfer throughput of a PRODUCTION build against the
 * local PostgreSQL, next to two floors without Node: the project's own
 * posting function called by pgbench (the function floor) and the same
 * transfer as plain SQL through pgbench (the SQL floor). Stops by itself
 * (hard limit 14 minutes). `npm run bench -- --stress`: the load ramp
 * instead (bench/stress.mjs; hard limit 15 minutes).
 *
 * 1. recreate the database (BENCH_DATABASE_URL, default
 *    postgres://postgres@127.0.0.1:5432/strongroom_bench, the owner role)
 *    and the runtime role <database>_app the app connects as
 * 2. node ace build; migrate; demo:seed --customers=5000 (10,000 accounts)
 * 3. start build/bin/server.js (NODE_ENV=production, throttles raised)
 * 4. bearer tokens for BENCH_TOKENS customers (password + TOTP)
 * 5. bench/load.mjs (separate process): POST /api/v1/transfers for
 *    BENCH_SECONDS at 8 and 32 connections, random pairs and one hot account,
 *    each with the inline risk rules on and off (BENCH_RISK, default on,off;
 *    the server restarts with RISK_INLINE_RULES between the two) and with
 *    group commit on and/or off (BENCH_BATCH, default on: LEDGER_BATCHING).
 *    Every booked transfer also enqueues its 'ledger.posted' job (the
 *    outbox); no worker runs, so the jobs wait (counted in the results).
 *    The web server's peak RSS is sampled during each run
 * 6. function floor (bench/function_floor.mjs): ledger_post_transfer(), and
 *    ledger_post_transfers() in batches when the database has it, called by
 *    pgbench as the runtime role on the seeded accounts, same scenarios
 * 7. node ace ledger:verify (must be clean)
 * 8. SQL floor: pgbench on scratch tables, same scenarios
 * 9. table on stdout (markdown) and tmp/bench-results.json
 *
 * --stress: steps 1-4, then the ramp (bench/stress.mjs), then audit:seal,
 * ledger:verify and audit:verify; tmp/bench-stress.json, the curve in
 * docs/bench-stress.svg and the table on stdout.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { buildAndSeed, lastLine, log, machine, parseEnv, regionPathsEnv, requestToken, run, sampleRss, sleep, step } from './lib.mjs'
import { dropFloor, prepareFloor, runFloor } from './floor.mjs'
import { dropFunctionFloor, prepareFunctionFloor, runFunctionFloor } from './function_floor.mjs'
import { markdownTable, stressTable } from './report.mjs'
import { runStress } from './stress.mjs'
import { stressSvg } from './svg.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const build = join(root, 'build')
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strongroom_bench'
/* Least privilege as in production: DB_URL's role owns the schema (migrations), the app runs as <db>_app */
const RUNTIME_URL = (() => {
  const url = new URL(DB_URL)
  url.username = `${decodeURIComponent(url.pathname.slice(1))}_app`
  url.password = randomBytes(16).toString('hex')
  return url.toString()
})()
const PORT = Number(process.env.BENCH_PORT ?? 3334)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5000)
const TOKENS = Number(process.env.BENCH_TOKENS ?? 300)
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '8,32').split(',').map(Number)
const SCENARIOS = ['random', 'hot']
/* Inline risk rules in the payment path: both by default, to state what they cost */
const RISK_MODES = (process.env.BENCH_RISK ?? 'on,off').split(',')
/* Group commit of the API's transfers (LEDGER_BATCHING): `on` by default, `on,off` runs each scenario both ways */
const BATCH_MODES = (process.env.BENCH_BATCH ?? 'on').split(',')
const WEB_CONCURRENCY = process.env.BENCH_WEB_CONCURRENCY ?? '1'
/* The batched function floor's pgbench clients: the batches the server keeps in flight (LEDGER_BATCH_CONCURRENCY, default 2) */
const BATCH_CLIENTS = Number(process.env.LEDGER_BATCH_CONCURRENCY ?? 2)
/* The function floor's 8 runs (4 single, 4 batched) last a third of BENCH_SECONDS each by default: the whole benchmark stays near 10 minutes */
const FUNCTION_SECONDS = Number(process.env.BENCH_FUNCTION_SECONDS ?? Math.max(5, Math.round(SECONDS / 3)))
const STRESS = process.argv.includes('--stress')
/* A refused connection waits for Retry-After (at most 1 s) before its next request; BENCH_RETRY_AFTER=off: at once */
const RETRY_AFTER = process.env.BENCH_RETRY_AFTER !== 'off'
const STRESS_STEPS = (process.env.BENCH_STRESS_STEPS ?? '8,16,32,64,128,256').split(',').map(Number)
const STRESS_SECONDS = Number(process.env.BENCH_STRESS_SECONDS ?? 20)
const RECOVERY_SECONDS = Number(process.env.BENCH_STRESS_RECOVERY_SECONDS ?? 10)
/* 14 minutes for the default 8 API runs; more runs (BENCH_BATCH=on,off with BENCH_RISK=on,off) get their time on top */
const API_RUNS = SCENARIOS.length * CONNECTIONS.length * RISK_MODES.length * BATCH_MODES.length
const HARD_LIMIT_MINUTES = STRESS ? 15 : 14 + Math.ceil((Math.max(0, API_RUNS - 8) * (SECONDS + 10)) / 60)
const BASE = `http://127.0.0.1:${PORT}`
const started = Date.now()
const children = new Set()

const hardStop = setTimeout(() => {
  log(`hard limit of ${HARD_LIMIT_MINUTES} minutes reached: stopping`)
  for (const child of children) child.kill('SIGKILL')
  process.exit(1)
}, HARD_LIMIT_MINUTES * 60_000)
hardStop.unref()

/* Production environment of the server and the ace commands of the build */
const appEnv = {
  ...Object.fromEntries(Object.entries(parseEnv(readFileSync(join(root, '.env.example'), 'utf8'))).filter(([, v]) => v !== '')),
  ...regionPathsEnv(),
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_URL: BASE,
  APP_KEY: randomBytes(32).toString('base64url'),
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  DATABASE_URL: RUNTIME_URL,
  DATABASE_OWNER_URL: DB_URL,
  AUDIT_SIGNING_KEY: randomBytes(32).toString('base64url'),
  DB_POOL_MAX: process.env.DB_POOL_MAX ?? '20',
  WEB_CONCURRENCY,
  /* Raised for the benchmark only: every token and transfer comes from one IP */
  API_RATE_LIMIT_PER_MINUTE: '100000000',
  AUTH_MAX_FAILURES_PER_EMAIL: '100000000',
  AUTH_MAX_FAILURES_PER_IP: '100000000',
  /* The limits that decide how the server sheds load, when set in the environment: tried without editing .env.example */
  ...Object.fromEntries(
    ['DB_ACQUIRE_TIMEOUT_MS', 'HTTP_MAX_IN_FLIGHT', 'HTTP_MAX_EVENT_LOOP_DELAY_MS', 'LEDGER_BATCH_MAX', 'LEDGER_BATCH_CONCURRENCY']
      .filter((key) => process.env[key] !== undefined)
      .map((key) => [key, process.env[key]])
  ),
}
const processEnv = (extra = {}) => {
  const env = { ...process.env, ...appEnv, ...extra }
  for (const key of ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_DATABASE']) delete env[key]
  return env
}

const results = {
  startedAt: new Date().toISOString(),
  mode: STRESS ? 'stress' : 'standard',
  retryAfter: RETRY_AFTER,
  machine: machine(),
  limits: serverLimits(),
  api: [],
  functionFloor: [],
  floor: [],
  errors: [],
}

try {
  await recreateDatabase()
  const credentials = await buildAndSeed({
    root,
    ace,
    customers: CUSTOMERS,
    credentialsFile: join(root, 'tmp', 'bench-credentials.json'),
    ignoreTsErrors: Boolean(process.env.BENCH_IGNORE_TS_ERRORS),
  })

  if (await fetch(`${BASE}/health/live`).then(() => true, () => false)) {
    throw new Error(`port ${PORT} is already in use: set BENCH_PORT`)
  }
  let server = null
  let serverMode = null
  /* The server with the inline risk rules and batching on or off (RISK_INLINE_RULES, LEDGER_BATCHING), restarted when a mode changes */
  const serverWith = async ({ risk, batch }) => {
    if (server && server.exitCode === null && serverMode === `${risk}:${batch}`) return
    if (server) await stopServer(server)
    server = startServer({ RISK_INLINE_RULES: risk, LEDGER_BATCHING: batch })
    serverMode = `${risk}:${batch}`
    await waitForServer()
  }
  let customers = []
  const creditorIds = credentials.customers.flatMap((c) => c.accounts.map((a) => a.id))
  const hotAccountId = credentials.customers.at(-1).accounts.find((a) => a.kind === 'savings').id
  try {
    await serverWith({ risk: STRESS ? 'on' : RISK_MODES[0], batch: BATCH_MODES[0] })
    customers = await step(`tokens for ${TOKENS} customers`, () => issueTokens(credentials))
    if (STRESS) {
      results.batch = BATCH_MODES[0]
      results.stress = await runStress(
        {
          server: () => server,
          alive: () => alive(server),
          otherLoad,
          runLoad: (connections, seconds) =>
            load({ baseUrl: BASE, seconds, connections, scenario: 'random', customers, creditorIds, hotAccountId, tooLargeRate: 0.02 }),
        },
        { steps: STRESS_STEPS, seconds: STRESS_SECONDS, recoverySeconds: RECOVERY_SECONDS }
      )
      if (results.stress.crashed) results.errors.push(`server crashed: ${results.stress.crashed}`)
      else if (!(results.stress.recovery?.unexpectedErrors === 0 && results.stress.recovery.transfers > 0)) {
        results.errors.push('the recovery step after the ramp had unexpected errors or booked nothing')
      }
    } else {
      await apiRuns({ serverWith, server: () => server, customers, creditorIds, hotAccountId })
    }
  } catch (error) {
    results.errors.push(`API phase: ${error.message.split('\n')[0]}`)
    log(`API phase failed: ${error.message}`)
  } finally {
    if (server) results.serverStop = await stopServer(server)
  }
  results.jobsQueued = await queuedJobs()

  if (!STRESS) await functionFloor(credentials, { creditorIds, hotAccountId })

  results.ledgerVerify = await step('ledger:verify', () => verifyCommand('ledger:verify', /Ledger verified/, /Ledger NOT verified|error/))
  if (!STRESS) results.ledgerVerify.afterFunctionFloor = results.functionFloor.length > 0
  if (STRESS) {
    /* The sealer's work (a worker does it in production, none runs here), then the chain */
    await step('audit:seal', () => ace(['audit:seal'])).catch((error) => results.errors.push(`audit:seal: ${error.message.split('\n')[0]}`))
    results.auditVerify = await step('audit:verify', () => verifyCommand('audit:verify', /Audit trail verified/, /NOT verified|error|break/i))
  } else {
    await step('floor: scratch tables', () => prepareFloor(DB_URL))
    for (const scenario of SCENARIOS) {
      for (const connections of CONNECTIONS) {
        const noise = await otherLoad()
        const floor = { ...(await step(`floor ${scenario} x${connections} for ${SECONDS}s`, () => runFloor(DB_URL, { scenario, connections, seconds: SECONDS }))), otherLoad: noise }
        log(`  ${floor.tps?.toFixed(0)} tps, p50 ${floor.p50?.toFixed(2)} ms, p99 ${floor.p99?.toFixed(2)} ms`)
        results.floor.push(floor)
      }
    }
    await dropFloor(DB_URL)
  }
} catch (error) {
  results.errors.push(error.message.split('\n')[0])
  log(`FAILED: ${error.message}`)
} finally {
  for (const child of children) child.kill('SIGKILL')
}

results.durationSeconds = Math.round((Date.now() - started) / 1000)
mkdirSync(join(root, 'tmp'), { recursive: true })
if (STRESS) {
  writeFileSync(join(root, 'tmp', 'bench-stress.json'), JSON.stringify(results, null, 2) + '\n')
  if (results.stress?.steps.length) {
    mkdirSync(join(root, 'docs'), { recursive: true })
    const m = results.machine
    writeFileSync(join(root, 'docs', 'bench-stress.svg'), stressSvg(results.stress, {
      subtitle: `${m.cpus} × ${m.cpu}, PostgreSQL ${String(results.postgres ?? '?').split(' ')[0]}, WEB_CONCURRENCY=${WEB_CONCURRENCY}, ` +
        `batching ${results.batch}, ${STRESS_SECONDS} s per step, ${results.startedAt.slice(0, 10)}`,
    }))
  }
  process.stdout.write('\n' + stressTable(results) + '\n')
  log(`done in ${results.durationSeconds} s; results in tmp/bench-stress.json, the curve in docs/bench-stress.svg`)
} else {
  writeFileSync(join(root, 'tmp', 'bench-results.json'), JSON.stringify(results, null, 2) + '\n')
  process.stdout.write('\n' + markdownTable(results) + '\n')
  log(`done in ${results.durationSeconds} s; results in tmp/bench-results.json`)
}
const ok = results.errors.length === 0 && results.ledgerVerify?.ok === true && (!STRESS || results.auditVerify?.ok === true)
process.exit(ok ? 0 : 1)


/** The API runs of the standard benchmark: each scenario and connection count, every risk × batching mode */
async function apiRuns({ serverWith, server, customers, creditorIds, hotAccountId }) {
  const modes = RISK_MODES.flatMap((risk) => BATCH_MODES.map((batch) => ({ risk, batch })))
  for (const scenario of SCENARIOS) {
    for (const connections of CONNECTIONS) {
      /* Each group of runs back to back, alternating which goes first, so drift hits every mode alike */
      const order = (results.api.length / modes.length) % 2 === 0 ? modes : [...modes].reverse()
      for (const mode of order) {
        await serverWith(mode)
        const noise = await otherLoad()
        const rss = sampleRss(server().pid)
        let result
        try {
          result = await step(`API ${scenario} x${connections}, inline risk rules ${mode.risk}, batching ${mode.batch}, for ${SECONDS}s`, () =>
            load({ baseUrl: BASE, seconds: SECONDS, connections, scenario, customers, creditorIds, hotAccountId, tooLargeRate: 0.02 })
          )
        } finally {
          Object.assign(noise, rss.stop())
        }
        log(`  ${result.tps.toFixed(0)} transfers/s, p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms, ` +
          `statuses ${JSON.stringify(result.statuses)}, web RSS ${noise.rssMaxMb} MB, driver CPU ${(result.driver.cpu * 100).toFixed(0)} %`)
        for (const [code, body] of Object.entries(result.samples)) {
          if (code !== 'E_INSUFFICIENT_FUNDS') log(`  e.g. ${code}: ${body.slice(0, 300)}`)
        }
        results.api.push({ ...result, ...mode, rssMaxMb: noise.rssMaxMb, webProcesses: noise.processes, otherLoad: noise })
      }
    }
  }
}

/**
 * The function floor: ledger_post_transfer() (and ledger_post_transfers()
 * in batches when the database has it) through pgbench as the runtime
 * role, on the token customers' current accounts, same scenarios.
 */
async function functionFloor(credentials, { creditorIds, hotAccountId }) {
  try {
    const chosen = credentials.customers.filter((c) => c.kycStatus === 'verified').slice(0, TOKENS)
    const runtimeRole = decodeURIComponent(new URL(RUNTIME_URL).username)
    const prepared = await step('function floor: scratch tables', () => prepareFunctionFloor(DB_URL, runtimeRole, {
      debtorAccountIds: chosen.flatMap((c) => c.accounts.filter((a) => a.kind === 'current').map((a) => a.id)),
      creditorAccountIds: creditorIds,
      hotAccountId,
      payment: paymentGuard(),
    }))
    results.functionInfo = {
      role: runtimeRole,
      debtors: prepared.debtors,
      creditors: prepared.creditors,
      outbox: Boolean(prepared.outbox),
      outboxError: prepared.outboxError,
      batched: prepared.batched,
      batchClients: BATCH_CLIENTS,
    }
    if (prepared.outboxError) log(`  the outbox job is not reproduced: ${prepared.outboxError}`)
    /* The batched floor whenever the database has ledger_post_transfers(jsonb) (database/sql/ledger/) */
    for (const batched of prepared.batched ? [false, true] : [false]) {
      for (const scenario of SCENARIOS) {
        for (const connections of CONNECTIONS) {
          const noise = await otherLoad()
          /* Batched: the batcher's shape for this many connections, LEDGER_BATCH_CONCURRENCY calls of connections ÷ that many postings */
          const clients = batched ? BATCH_CLIENTS : connections
          const batchSize = Math.min(64, Math.max(1, Math.round(connections / BATCH_CLIENTS)))
          const title = `function floor${batched ? ` (${clients} clients, batches of ${batchSize})` : ''} ${scenario} x${connections} for ${FUNCTION_SECONDS}s`
          const r = await step(title, () =>
            runFunctionFloor(DB_URL, RUNTIME_URL, prepared, { scenario, connections, seconds: FUNCTION_SECONDS, batched, clients, batchSize })
          )
          log(`  ${r.postingsPerSecond?.toFixed(0)} postings/s (${r.tps?.toFixed(0)} calls/s), p50 ${r.p50?.toFixed(2)} ms, p99 ${r.p99?.toFixed(2)} ms` +
            (r.aborted ? `, ABORTED: ${r.error}` : ''))
          if (r.aborted) results.errors.push(`${title}: pgbench aborted (${r.error})`)
          results.functionFloor.push({ ...r, otherLoad: noise })
        }
      }
    }
  } catch (error) {
    results.errors.push(`function floor: ${error.message.split('\n')[0]}`)
    log(`function floor failed: ${error.message}`)
  } finally {
    await dropFunctionFloor(DB_URL).catch(() => {})
  }
}

/** payment_guard()'s p_payment as the API passes it for a GBP payment (paymentGuardJson), from the server's configuration */
function paymentGuard() {
  const pence = (decimal) => {
    const [units, fraction = ''] = String(decimal).split('.')
    return (BigInt(units) * 100n + BigInt((fraction + '00').slice(0, 2))).toString()
  }
  const limits = /GBP:([\d.]+)\/([\d.]+)/.exec(appEnv.PAYMENT_LIMITS ?? '') ?? [null, '5000.00', '10000.00']
  return {
    single_limit: pence(limits[1]),
    daily_limit: pence(limits[2]),
    threshold: pence(appEnv.SCA_DYNAMIC_LINKING_THRESHOLD ?? '250.00'),
    exemption: pence(appEnv.SCA_LOW_VALUE_EXEMPTION ?? '30.00'),
    authorisation_id: null,
  }
}

/** The limits that decide how the server fails under overload (stated with the results) */
function serverLimits() {
  return {
    webConcurrency: Number(WEB_CONCURRENCY),
    dbPoolMax: Number(appEnv.DB_POOL_MAX),
    dbAcquireTimeoutMs: Number(appEnv.DB_ACQUIRE_TIMEOUT_MS ?? 5000),
    queuePoolMax: Number(appEnv.QUEUE_POOL_MAX ?? 4),
    ledgerBatchMax: appEnv.LEDGER_BATCH_MAX ? Number(appEnv.LEDGER_BATCH_MAX) : null,
    /* Overload protection: 503 E_OVERLOADED past these (per process) */
    httpMaxInFlight: appEnv.HTTP_MAX_IN_FLIGHT ? Number(appEnv.HTTP_MAX_IN_FLIGHT) : null,
    httpMaxEventLoopDelayMs: appEnv.HTTP_MAX_EVENT_LOOP_DELAY_MS ? Number(appEnv.HTTP_MAX_EVENT_LOOP_DELAY_MS) : null,
    apiRateLimit: Number(appEnv.API_RATE_LIMIT_PER_MINUTE),
  }
}

/** An ace command of the build that verifies something: { ok, summary } */
async function verifyCommand(command, okLine, failLine) {
  try {
    const { stdout, stderr } = await ace([command])
    return { ok: true, summary: lastLine(stdout + stderr, okLine) }
  } catch (error) {
    return { ok: false, summary: lastLine(`${error.stdout}${error.stderr}`, failLine) }
  }
}

/** The server process still runs and answers /health/live */
async function alive(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return false
  for (let i = 0; i < 10; i++) {
    try {
      if ((await fetch(`${BASE}/health/live`, { signal: AbortSignal.timeout(5000) })).ok) return true
    } catch {}
    await sleep(500)
  }
  return false
}

function ace(args, extra = {}) {
  return run(process.execPath, ['ace.js', ...args], { cwd: build, env: processEnv(extra), timeoutMs: 600_000 })
}

async function recreateDatabase() {
  const url = new URL(DB_URL)
  const name = decodeURIComponent(url.pathname.slice(1))
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])
    await client.query(`drop database if exists ${client.escapeIdentifier(name)}`)
    await client.query(`create database ${client.escapeIdentifier(name)}`)
    const runtime = new URL(RUNTIME_URL)
    const role = client.escapeIdentifier(decodeURIComponent(runtime.username))
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [decodeURIComponent(runtime.username)])).rowCount
    await client.query(`${exists ? 'alter' : 'create'} role ${role} login password ${client.escapeLiteral(runtime.password)}`)
    results.postgres = (await client.query('show server_version')).rows[0].server_version
    results.limits.postgresMaxConnections = Number((await client.query('show max_connections')).rows[0].max_connections)
  } finally {
    await client.end()
  }
  log(`database ${name} recreated (PostgreSQL ${results.postgres})`)
}

function startServer(extra = {}) {
  /* The server's logs (pino, stdout and stderr) go to tmp/bench-server.log */
  const out = openSync(join(root, 'tmp', 'bench-server.log'), 'a')
  const child = spawn(process.execPath, ['bin/server.js'], { cwd: build, env: processEnv(extra), stdio: ['ignore', out, out] })
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}

/** SIGTERM and wait: { code, signal } of the exit (a graceful stop exits 0) */
async function stopServer(child) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return { code: child.exitCode, signal: child.signalCode }
}

/** The 'ledger.posted' jobs the runs left for a worker (none runs during the benchmark): one per booked transfer */
async function queuedJobs() {
  const client = new pg.Client({ connectionString: DB_URL })
  await client.connect()
  try {
    const { rows } = await client.query(`select count(*)::int as n from pgboss.job where name = 'ledger.posted'`)
    return rows[0].n
  } finally {
    await client.end()
  }
}

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    if (![...children].some((child) => child.exitCode === null)) break
    try {
      if ((await fetch(`${BASE}/health/live`)).ok) return
    } catch {}
    await sleep(500)
  }
  throw new Error('the production server did not answer /health/live within 60 s')
}

/** POST /api/v1/auth/tokens with password + TOTP, 16 at a time */
async function issueTokens(credentials) {
  const chosen = credentials.customers.filter((c) => c.kycStatus === 'verified').slice(0, TOKENS)
  const out = []
  let failure
  for (let i = 0; i < chosen.length; i += 16) {
    await Promise.all(chosen.slice(i, i + 16).map(async (c) => {
      const issued = await requestToken(BASE, c)
      if (issued.token) {
        out.push({ token: issued.token, debtorIds: c.accounts.filter((a) => a.kind === 'current').map((a) => a.id) })
      } else failure ??= issued.failure
    }))
  }
  if (out.length === 0) throw new Error(`no token issued: POST /api/v1/auth/tokens answered ${failure}`)
  if (failure) log(`  ${chosen.length - out.length} token requests failed, e.g. ${failure}`)
  return out
}

async function load(config) {
  const file = join(root, 'tmp', `bench-load-${config.scenario}-${config.connections}.json`)
  writeFileSync(file, JSON.stringify({ retryAfter: RETRY_AFTER, ...config }))
  const { stdout } = await run(process.execPath, [join(root, 'bench', 'load.mjs'), file], { timeoutMs: (config.seconds + 60) * 1000 })
  return JSON.parse(stdout.trim().split('\n').at(-1))
}

/**
 * What else runs on the PostgreSQL server: other busy sessions, and the age of
 * the oldest open transaction elsewhere (it holds back the xmin horizon, so
 * the hot account's dead row versions cannot be pruned: hot-account figures
 * drop sharply while one is open).
 */
async function otherLoad() {
  const client = new pg.Client({ connectionString: DB_URL })
  await client.connect()
  try {
    const { rows } = await client.query(
      `select count(*) filter (where state = 'active')::int as active,
              coalesce(extract(epoch from max(now() - xact_start)), 0)::int as oldest_xact_seconds
       from pg_stat_activity where datname is distinct from current_database() and backend_type = 'client backend'`
    )
    const noise = { otherActiveSessions: rows[0].active, oldestOtherTransactionSeconds: rows[0].oldest_xact_seconds }
    if (noise.oldestOtherTransactionSeconds > 5) {
      log(`  note: another database has a transaction open for ${noise.oldestOtherTransactionSeconds} s (xmin horizon held back)`)
    }
    return noise
  } finally {
    await client.end()
  }
}


