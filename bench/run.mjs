#!/usr/bin/env node
/**
 * `npm run bench`: transfer throughput of a PRODUCTION build against the
 * local PostgreSQL, next to the database floor (the same transfer as plain
 * SQL through pgbench). Stops by itself (hard limit 14 minutes).
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
 *    the server restarts with RISK_INLINE_RULES between the two). Every
 *    booked transfer also enqueues its 'ledger.posted' job (the outbox);
 *    no worker runs, so the jobs wait (counted in the results)
 * 6. node ace ledger:verify (must be clean)
 * 7. pgbench floor on scratch tables, same scenarios
 * 8. table on stdout (markdown) and tmp/bench-results.json
 */
import { spawn } from 'node:child_process'
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { buildAndSeed, lastLine, log, machine, parseEnv, regionPathsEnv, requestToken, run, sleep, step } from './lib.mjs'
import { dropFloor, prepareFloor, runFloor } from './floor.mjs'
import { markdownTable } from './report.mjs'

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
const BASE = `http://127.0.0.1:${PORT}`
const started = Date.now()
const children = new Set()

const hardStop = setTimeout(() => {
  log('hard limit of 14 minutes reached: stopping')
  for (const child of children) child.kill('SIGKILL')
  process.exit(1)
}, 14 * 60_000)
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
  /* Raised for the benchmark only: every token and transfer comes from one IP */
  API_RATE_LIMIT_PER_MINUTE: '100000000',
  AUTH_MAX_FAILURES_PER_EMAIL: '100000000',
  AUTH_MAX_FAILURES_PER_IP: '100000000',
}
const processEnv = (extra = {}) => {
  const env = { ...process.env, ...appEnv, ...extra }
  for (const key of ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_DATABASE']) delete env[key]
  return env
}

const results = { startedAt: new Date().toISOString(), machine: machine(), api: [], floor: [], errors: [] }

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
  let serverRisk = null
  /* The server with the inline risk rules on or off (RISK_INLINE_RULES), restarted when the mode changes */
  const serverWith = async (risk) => {
    if (server && serverRisk === risk) return
    if (server) await stopServer(server)
    server = startServer({ RISK_INLINE_RULES: risk })
    serverRisk = risk
    await waitForServer()
  }
  try {
    await serverWith(RISK_MODES[0])
    const customers = await step(`tokens for ${TOKENS} customers`, () => issueTokens(credentials))
    const creditorIds = credentials.customers.flatMap((c) => c.accounts.map((a) => a.id))
    const hotAccountId = credentials.customers.at(-1).accounts.find((a) => a.kind === 'savings').id
    for (const scenario of SCENARIOS) {
      for (const connections of CONNECTIONS) {
        /* Each pair of runs back to back, alternating which goes first, so drift hits both modes alike */
        const modes = (results.api.length / RISK_MODES.length) % 2 === 0 ? RISK_MODES : [...RISK_MODES].reverse()
        for (const risk of modes) {
          await serverWith(risk)
          const noise = await otherLoad()
          const result = await step(`API ${scenario} x${connections}, inline risk rules ${risk}, for ${SECONDS}s`, () =>
            load({ baseUrl: BASE, seconds: SECONDS, connections, scenario, customers, creditorIds, hotAccountId, tooLargeRate: 0.02 })
          )
          log(`  ${result.tps.toFixed(0)} transfers/s, p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms, statuses ${JSON.stringify(result.statuses)}`)
          for (const [code, body] of Object.entries(result.samples)) {
            if (code !== 'E_INSUFFICIENT_FUNDS') log(`  e.g. ${code}: ${body.slice(0, 300)}`)
          }
          results.api.push({ ...result, risk, otherLoad: noise })
        }
      }
    }
  } catch (error) {
    results.errors.push(`API phase: ${error.message.split('\n')[0]}`)
    log(`API phase failed: ${error.message}`)
  } finally {
    if (server) await stopServer(server)
  }
  results.jobsQueued = await queuedJobs()

  results.ledgerVerify = await step('ledger:verify', async () => {
    try {
      const { stdout } = await ace(['ledger:verify'])
      return { ok: true, summary: lastLine(stdout, /Ledger verified/) }
    } catch (error) {
      return { ok: false, summary: lastLine(error.stdout + error.stderr, /Ledger NOT verified|error/) }
    }
  })

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
} catch (error) {
  results.errors.push(error.message.split('\n')[0])
  log(`FAILED: ${error.message}`)
} finally {
  for (const child of children) child.kill('SIGKILL')
}

results.durationSeconds = Math.round((Date.now() - started) / 1000)
mkdirSync(join(root, 'tmp'), { recursive: true })
writeFileSync(join(root, 'tmp', 'bench-results.json'), JSON.stringify(results, null, 2) + '\n')
process.stdout.write('\n' + markdownTable(results) + '\n')
log(`done in ${results.durationSeconds} s; results in tmp/bench-results.json`)
const ok = results.errors.length === 0 && results.ledgerVerify?.ok === true
process.exit(ok ? 0 : 1)


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

async function stopServer(child) {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
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
  writeFileSync(file, JSON.stringify(config))
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


