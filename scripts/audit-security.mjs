#!/usr/bin/env node
/**
 * `npm run audit:security`: a security audit of a PRODUCTION build with the
 * demo bank, by real scanners (docs/security-audit.md says what, how and how
 * often; CI job: .ci/security). Stops by itself (hard limit 15 minutes).
 *
 * 1. checks the scanners: wapiti and sqlmap (Debian: apt-get install -y
 *    wapiti sqlmap), Spectral (npm dev dependency)
 * 2. recreates its own database (SECURITY_AUDIT_DATABASE_URL, default the
 *    server of DATABASE_URL or 127.0.0.1:5432, database sr_audit_security)
 *    and the runtime role <database>_app the app connects as
 * 3. node ace build into tmp/security-audit/build (not build/: other work
 *    may use it), migrate, demo:seed --customers=5
 * 4. starts build/bin/server.js (NODE_ENV=production, throwaway keys, rate
 *    limits raised: every scanner request comes from one IP) on
 *    SECURITY_AUDIT_PORT (default 4371)
 * 5. signs in the demo admin (password + TOTP: session cookie + CSRF token)
 *    and a demo customer (bearer token, POST /api/v1/auth/tokens)
 * 6. in parallel: wapiti over /backoffice as the staff member, wapiti over
 *    /api/v1 as the customer, sqlmap over representative requests of both
 *    (scripts/audit/targets.mjs); then Spectral with the OWASP API ruleset
 *    (.spectral.yaml) over the served /api/v1/openapi.json
 * 7. every report parsed into one list of findings (scripts/audit/findings.mjs),
 *    compared with docs/security-audit-baseline.json; a summary table, the
 *    reports and findings.json under tmp/security-audit/
 *
 * Exit code: 1 on a critical/high finding not in the baseline, or when a
 * scanner could not run; 0 otherwise. Options (environment):
 *   SECURITY_AUDIT_SKIP_BUILD=1        re-use tmp/security-audit/build
 *   SECURITY_AUDIT_IGNORE_TS_ERRORS=1  build despite TypeScript errors (work in progress elsewhere)
 *   SECURITY_AUDIT_SCAN_SECONDS=240    wapiti's time per run
 *   SECURITY_AUDIT_ONLY=spectral       only some scanners (comma-separated: wapiti,sqlmap,spectral)
 */
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { generate } from 'otplib'
import { parseEnv, regionPathsEnv, requestToken, run } from '../bench/lib.mjs'
import { parseSpectral, parseSqlmap, parseWapiti, sqlmapRunProblem, summaryTable, triage, validateBaseline } from './audit/findings.mjs'
import { EXCLUDED, flattenRoutes, sqlmapTargets, startUrls } from './audit/targets.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(root, 'tmp', 'security-audit')
const BUILD = join(OUT, 'build')
const BASELINE = join(root, 'docs', 'security-audit-baseline.json')
const PORT = Number(process.env.SECURITY_AUDIT_PORT ?? 4371)
const BASE = `http://127.0.0.1:${PORT}`
const SCAN_SECONDS = Number(process.env.SECURITY_AUDIT_SCAN_SECONDS ?? 240)
const ONLY = new Set((process.env.SECURITY_AUDIT_ONLY ?? 'wapiti,sqlmap,spectral').split(',').map((s) => s.trim()))
const DB_URL = process.env.SECURITY_AUDIT_DATABASE_URL ?? ownDatabaseUrl(process.env.DATABASE_URL)
/* Least privilege as in production: DB_URL's role owns the schema (migrations), the app runs as <db>_app */
const RUNTIME_URL = (() => {
  const url = new URL(DB_URL)
  url.username = `${decodeURIComponent(url.pathname.slice(1))}_app`
  url.password = randomBytes(16).toString('hex')
  return url.toString()
})()
/**
 * wapiti 3.0.4 (Debian 12) compiles each -x pattern as `<pattern>\\Z(?ms)`,
 * which Python 3.11 refuses ("global flags not at the start"): every
 * exclusion crashes it. The same entry point as /usr/bin/wapiti, with the
 * pattern compiled with its flags first.
 */
const WAPITI_SHIM = `
import re, sys
import wapitiCore.net.crawler as crawler
def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\\Z")
crawler.wildcard_translate = wildcard_translate
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
`

const started = Date.now()
const children = new Set()
const errors = []

const hardStop = setTimeout(() => {
  log('hard limit of 15 minutes reached: stopping')
  for (const child of children) child.kill('SIGKILL')
  process.exit(1)
}, 15 * 60_000)
hardStop.unref()
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL')
    process.exit(130)
  })
}

/* Production environment of the server and of the build's ace commands */
const appEnv = {
  ...Object.fromEntries(Object.entries(parseEnv(readFileSync(join(root, '.env.example'), 'utf8'))).filter(([, v]) => v !== '')),
  ...regionPathsEnv(),
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_URL: BASE,
  APP_KEY: randomBytes(32).toString('base64url'),
  AUDIT_SIGNING_KEY: randomBytes(32).toString('base64url'),
  OAUTH_SIGNING_KEY: randomBytes(32).toString('base64url'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: RUNTIME_URL,
  DATABASE_OWNER_URL: DB_URL,
  MAIL_MAILER: 'capture',
  /* Every scanner request comes from 127.0.0.1: the per-IP and per-token limits would stop the scan, not an attacker with many IPs */
  API_RATE_LIMIT_PER_MINUTE: '100000000',
  AUTH_MAX_FAILURES_PER_EMAIL: '100000000',
  AUTH_MAX_FAILURES_PER_IP: '100000000',
  LOGIN_BACKOFF_AFTER_FAILURES: '100000000',
}
const processEnv = (extra = {}) => {
  const env = { ...process.env, ...appEnv, ...extra }
  for (const key of ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_DATABASE']) delete env[key]
  return env
}

const scanners = checkScanners()
const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'))
const baselineProblems = validateBaseline(baseline)
if (baselineProblems.length) fail(`docs/security-audit-baseline.json is invalid:\n  ${baselineProblems.join('\n  ')}`)

const findings = []
let server = null
try {
  mkdirSync(OUT, { recursive: true })
  await recreateDatabase()
  await buildAndSeed()
  server = await startServer()
  const routes = flattenRoutes(JSON.parse((await ace(['list:routes', '--json'])).stdout))
  const credentials = JSON.parse(readFileSync(join(OUT, 'demo-credentials.json'), 'utf8'))
  const staff = await step('staff sign-in (admin, password + TOTP)', () => signInStaff(credentials.staff.find((s) => s.role === 'admin')))
  const customer = await step('customer token (POST /api/v1/auth/tokens)', async () => {
    const result = await requestToken(BASE, credentials.customers[0])
    if (!result.token) throw new Error(`no customer token: ${result.failure}`)
    return result.token
  })
  const ids = { id: String(credentials.customers[0].accounts[0].id) }
  const scans = []
  if (ONLY.has('wapiti')) {
    scans.push(
      wapiti('staff', {
        base: `${BASE}/backoffice/`,
        starts: startUrls(routes, { base: BASE, prefix: '/backoffice', ids }),
        headers: [`Cookie: ${staff.cookie}`, `X-XSRF-TOKEN: ${staff.xsrf}`],
      }),
      wapiti('customer', {
        base: `${BASE}/api/v1/`,
        starts: startUrls(routes, { base: BASE, prefix: '/api/v1', ids }),
        headers: [`Authorization: Bearer ${customer}`, 'Accept: application/json'],
      })
    )
  }
  if (ONLY.has('sqlmap')) scans.push(sqlmapAll(sqlmapTargets({ base: BASE, credentials }), { staff, customer }))
  for (const result of await Promise.all(scans)) findings.push(...result)
  if (ONLY.has('spectral')) findings.push(...(await spectral()))
  await checkStillSignedIn(staff, customer)
} catch (error) {
  errors.push(error.message.split('\n')[0])
  log(`FAILED: ${error.message}`)
} finally {
  if (server) await stopServer(server)
  for (const child of children) child.kill('SIGKILL')
}

const result = triage(findings, baseline)
const blocking = result.findings.filter((f) => f.blocking)
const summary = {
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  scanners,
  errors,
  counts: { findings: result.findings.length, accepted: result.findings.filter((f) => f.accepted).length, blocking: blocking.length },
  findings: result.findings.map(({ accepted, ...f }) => ({ ...f, accepted: accepted ? `${accepted.triage}: ${accepted.reason}` : null })),
  staleBaselineEntries: result.stale,
}
writeFileSync(join(OUT, 'findings.json'), JSON.stringify(summary, null, 2) + '\n')
process.stdout.write(`\n${summaryTable(result.findings)}\n\n`)
for (const finding of blocking) {
  process.stdout.write(`✖ NEW ${finding.severity}: ${finding.tool} ${finding.rule} at ${finding.target} (${finding.detail})\n`)
}
/* Stale entries only mean something after a complete run of their scanner */
const ran = new Set(errors.length ? [] : [...ONLY])
for (const entry of result.stale.filter((e) => ran.has(e.tool))) {
  process.stdout.write(`ℹ baseline entry matched nothing this run (fixed? remove it): ${entry.tool} ${entry.rule} ${entry.target}\n`)
}
for (const error of errors) process.stdout.write(`✖ ${error}\n`)
log(`done in ${summary.durationSeconds} s: ${summary.counts.findings} findings, ${summary.counts.accepted} accepted, ${blocking.length} new critical/high; reports in ${relative(root, OUT)}/`)
process.exit(errors.length || blocking.length ? 1 : 0)

/* ---------------------------------------------------------------------- */

function log(message) {
  process.stderr.write(`[audit ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

function fail(message) {
  log(message)
  process.exit(2)
}

async function step(title, fn) {
  const t0 = Date.now()
  log(`${title} ...`)
  const value = await fn()
  log(`${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return value
}

/** The database of this audit on DATABASE_URL's server (never DATABASE_URL's own database: it is dropped) */
function ownDatabaseUrl(databaseUrl) {
  const url = new URL(databaseUrl || 'postgres://postgres@127.0.0.1:5432/postgres')
  url.pathname = '/sr_audit_security'
  return url.toString()
}

/** The scanners and their versions; says how to install what is missing and exits */
function checkScanners() {
  const version = (command, args) => {
    const out = spawnSync(command, args, { encoding: 'utf8' })
    if (out.error) return null
    return `${out.stdout}${out.stderr}`.split('\n').find((line) => /\d+\.\d+/.test(line))?.trim() ?? 'unknown version'
  }
  const found = {}
  const missing = []
  if (ONLY.has('wapiti')) (found.wapiti = version('wapiti', ['--version'])) || missing.push('wapiti')
  if (ONLY.has('sqlmap')) (found.sqlmap = version('sqlmap', ['--version'])) || missing.push('sqlmap')
  if (missing.length) {
    fail(
      `${missing.join(' and ')} not found. Install the Debian packages (as root): apt-get install -y ${missing.join(' ')}\n` +
        '  (.ci/security installs them itself when run as root)'
    )
  }
  if (ONLY.has('spectral')) {
    found.spectral = existsSync(join(root, 'node_modules', '.bin', 'spectral')) ? version(join(root, 'node_modules', '.bin', 'spectral'), ['--version']) : null
    if (!found.spectral) fail('Spectral not found: npm ci installs it (@stoplight/spectral-cli, @stoplight/spectral-owasp-ruleset)')
  }
  log(`scanners: ${Object.entries(found).map(([name, v]) => `${name} ${v}`).join(', ')}`)
  return found
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
    const roleName = decodeURIComponent(runtime.username)
    const role = client.escapeIdentifier(roleName)
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [roleName])).rowCount
    await client.query(`${exists ? 'alter' : 'create'} role ${role} login password ${client.escapeLiteral(runtime.password)}`)
  } finally {
    await client.end()
  }
  log(`database ${name} recreated`)
}

function ace(args, extra = {}) {
  return run(process.execPath, ['ace.js', ...args], { cwd: BUILD, env: processEnv(extra), timeoutMs: 600_000 })
}

/**
 * The production build in tmp/security-audit/build (a tsconfig there sets
 * outDir; its includes stay the project's), migrated and seeded. The
 * migrations and the seed run as development, as in bench/lib.mjs: only
 * then is the database marked for demo:seed's back-dated history.
 */
async function buildAndSeed() {
  if (!process.env.SECURITY_AUDIT_SKIP_BUILD || !existsSync(join(BUILD, 'bin', 'server.js'))) {
    const tsconfig = join(OUT, 'tsconfig.build.json')
    writeFileSync(tsconfig, JSON.stringify({ extends: relative(OUT, join(root, 'tsconfig.json')), compilerOptions: { outDir: './build' } }, null, 2))
    await step('node ace build', () =>
      run(process.execPath, ['ace', 'build', `--tsconfig=${relative(root, tsconfig)}`, ...(process.env.SECURITY_AUDIT_IGNORE_TS_ERRORS ? ['--ignore-ts-errors'] : [])], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'development' },
        timeoutMs: 480_000,
      })
    )
  }
  if (!existsSync(join(BUILD, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(BUILD, 'node_modules'), 'dir')
  await step('migration:run', () => ace(['migration:run', '--force'], { NODE_ENV: 'development' }))
  await step('demo:seed --customers=5', () =>
    ace(['demo:seed', '--customers=5', `--output=${join(OUT, 'demo-credentials.json')}`], { NODE_ENV: 'development' })
  )
}

async function startServer() {
  if (await fetch(`${BASE}/health/live`).then(() => true, () => false)) throw new Error(`port ${PORT} is already in use: set SECURITY_AUDIT_PORT`)
  const logFd = openSync(join(OUT, 'server.log'), 'w')
  const child = spawn(process.execPath, ['bin/server.js'], { cwd: BUILD, env: processEnv(), stdio: ['ignore', logFd, logFd] })
  children.add(child)
  child.on('exit', () => children.delete(child))
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see tmp/security-audit/server.log`)
    if (await fetch(`${BASE}/health/ready`).then((r) => r.ok, () => false)) {
      log(`server ready on ${BASE} (production build)`)
      return child
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error('the server did not become ready within 120 s')
}

async function stopServer(child) {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 15_000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

/**
 * Signs a staff member in as a browser does: the sign-in page hands out the
 * session and XSRF-TOKEN cookies, the password then the TOTP code are
 * posted with the X-XSRF-TOKEN header. Returns the Cookie header and the
 * CSRF header value the scanners send.
 */
async function signInStaff(member) {
  const jar = new Map()
  const send = async (path, form) => {
    const headers = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/html' }
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers['x-xsrf-token'] = decodeURIComponent(jar.get('XSRF-TOKEN') ?? '')
    }
    const response = await fetch(`${BASE}${path}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form) : undefined, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name)
      else jar.set(name, value)
    }
    return response
  }
  await send('/backoffice/login')
  const password = await send('/backoffice/login', { email: member.email, password: member.password })
  if (password.status !== 302) throw new Error(`staff sign-in: POST /backoffice/login answered ${password.status}`)
  await send('/backoffice/two-factor')
  const code = await send('/backoffice/two-factor', { code: await generate({ secret: member.totpSecret }) })
  const dashboard = await send('/backoffice')
  if (dashboard.status !== 200) throw new Error(`staff sign-in failed: two-factor answered ${code.status} → ${code.headers.get('location')}, the dashboard ${dashboard.status}`)
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), xsrf: decodeURIComponent(jar.get('XSRF-TOKEN') ?? '') }
}

/** After the scans: were they authenticated until the end? (A scan that lost its session scanned the sign-in page) */
async function checkStillSignedIn(staff, customer) {
  const page = await fetch(`${BASE}/backoffice`, { headers: { cookie: staff.cookie }, redirect: 'manual' })
  if (page.status !== 200) errors.push(`the staff session did not survive the scans (GET /backoffice → ${page.status}): results are not authenticated`)
  const api = await fetch(`${BASE}/api/v1/accounts`, { headers: { authorization: `Bearer ${customer}`, accept: 'application/json' } })
  if (api.status !== 200) errors.push(`the customer token did not survive the scans (GET /api/v1/accounts → ${api.status})`)
}

function runTool(name, command, args, { timeoutMs }) {
  const logPath = join(OUT, `${name}.log`)
  const t0 = Date.now()
  log(`${name}: ${command} … (log: ${relative(root, logPath)})`)
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: OUT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } })
    children.add(child)
    let output = ''
    const file = createWriteStream(logPath)
    const collect = (chunk) => {
      output += chunk
      file.write(chunk)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      file.end()
      log(`${name}: exit ${code ?? signal} after ${((Date.now() - t0) / 1000).toFixed(0)} s`)
      resolve({ code, signal, output })
    })
  })
}

/** The interpreter of the installed wapiti (its #! line: the system Python, not a pyenv one earlier on PATH) */
function wapitiPython() {
  const path = spawnSync('sh', ['-c', 'command -v wapiti'], { encoding: 'utf8' }).stdout.trim()
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(path, 'utf8').split('\n')[0])
  return shebang?.[1] ?? 'python3'
}

/**
 * wapiti over one area as one identity: the start URLs (it cannot find the
 * backoffice's links itself, Inertia renders them in the browser), the
 * folder as scope, sign-out and credential routes excluded. Modules: the
 * default ones except ssrf (needs wapiti's Internet endpoint), plus crlf,
 * methods and csrf.
 */
async function wapiti(identity, { base, starts, headers }) {
  const report = join(OUT, `wapiti-${identity}.json`)
  rmSync(report, { force: true })
  const args = [
    '-u', base,
    '--scope', 'folder',
    ...starts.flatMap((url) => ['-s', url]),
    ...EXCLUDED.map((path) => ['-x', `${BASE}${path.replace(/:\w+/g, '*')}`]).flat(),
    ...headers.flatMap((header) => ['-H', header]),
    '-m', 'sql,blindsql,exec,file,xss,permanentxss,redirect,crlf,http_headers,cookieflags,csp,csrf,methods',
    '-d', '3',
    '--max-links-per-page', '40',
    '--max-scan-time', String(SCAN_SECONDS),
    '--max-attack-time', String(Math.max(20, Math.floor(SCAN_SECONDS / 8))),
    '-t', '20',
    '--flush-session',
    '--store-session', join(OUT, `wapiti-${identity}-session`),
    '--no-bugreport',
    '-v', '1',
    '-f', 'json',
    '-o', report,
  ]
  const result = await runTool(`wapiti-${identity}`, wapitiPython(), ['-c', WAPITI_SHIM, ...args], { timeoutMs: (SCAN_SECONDS + 180) * 1000 })
  if (!existsSync(report)) {
    errors.push(`wapiti (${identity}) wrote no report (exit ${result.code ?? result.signal}); see tmp/security-audit/wapiti-${identity}.log`)
    return []
  }
  return parseWapiti(JSON.parse(readFileSync(report, 'utf8')), { scan: identity })
}

/** sqlmap over each target, two at a time; level 1, risk 1 (no payload that changes data on purpose) */
async function sqlmapAll(targets, { staff, customer }) {
  const found = []
  const queue = [...targets]
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      const auth =
        target.auth === 'customer'
          ? ['-H', `Authorization: Bearer ${customer}`]
          : target.auth === 'staff'
            ? ['--cookie', staff.cookie, '-H', `X-XSRF-TOKEN: ${staff.xsrf}`]
            : []
      const problem = await preflight(target, { staff, customer })
      if (problem) {
        errors.push(`sqlmap ${target.name}: ${problem}`)
        continue
      }
      const args = [
        '-u', target.url,
        '--method', target.method,
        ...(target.data ? ['--data', target.data, '-H', 'Content-Type: application/json'] : []),
        '-H', 'Accept: application/json',
        ...auth,
        /* the token endpoint answers 401 to the wrong password sqlmap keeps sending: still a comparable answer */
        ...(target.auth === 'none' ? ['--ignore-code', '401'] : []),
        '--batch',
        '--level', '1',
        '--risk', '1',
        '--flush-session',
        '--drop-set-cookie',
        '--time-sec', '2',
        '--timeout', '20',
        '--retries', '1',
        /* one directory per target: two runs against the same host would share (and lock) one session file */
        '--output-dir', join(OUT, 'sqlmap', target.name),
        '-v', '1',
      ]
      const result = await runTool(`sqlmap-${target.name}`, 'sqlmap', args, { timeoutMs: 300_000 })
      const incomplete = result.signal ? `killed after 300 s (${result.signal})` : sqlmapRunProblem(result.output)
      if (incomplete) errors.push(`sqlmap ${target.name} did not complete: ${incomplete}`)
      found.push(...parseSqlmap(result.output, { target: `${target.method} ${new URL(target.url.replaceAll('*', '')).pathname}` }))
    }
  }
  await Promise.all([worker(), worker()])
  return found
}

/**
 * The target's request as sqlmap sends it first (markers removed) must be
 * answered as a valid, authenticated request (2xx; 401 for the token
 * endpoint's wrong password): otherwise sqlmap would only compare error
 * pages (a redirect to the sign-in page, a 422) and find nothing.
 */
async function preflight(target, { staff, customer }) {
  const headers = { accept: 'application/json' }
  if (target.auth === 'customer') headers.authorization = `Bearer ${customer}`
  if (target.auth === 'staff') Object.assign(headers, { cookie: staff.cookie, 'x-xsrf-token': staff.xsrf })
  if (target.data) headers['content-type'] = 'application/json'
  const response = await fetch(target.url.replaceAll('*', ''), { method: target.method, headers, body: target.data?.replaceAll('*', ''), redirect: 'manual' })
  const expected = target.auth === 'none' ? [401] : []
  if (response.ok || expected.includes(response.status)) return null
  return `its unmodified request answered ${response.status} (${(await response.text()).slice(0, 200)}): fix the target in scripts/audit/targets.mjs`
}

/** Spectral (OpenAPI + OWASP API Security Top 10 rules, .spectral.yaml) over the document the server serves */
async function spectral() {
  const response = await fetch(`${BASE}/api/v1/openapi.json`)
  if (!response.ok) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`)
  const document = join(OUT, 'openapi.json')
  const served = await response.json()
  writeFileSync(document, JSON.stringify(served, null, 2))
  const report = join(OUT, 'spectral.json')
  rmSync(report, { force: true })
  const result = await runTool('spectral', join(root, 'node_modules', '.bin', 'spectral'), ['lint', '--ruleset', join(root, '.spectral.yaml'), '--format', 'json', '--output', report, '--fail-severity', 'hint', document], { timeoutMs: 120_000 })
  if (!existsSync(report)) {
    errors.push(`spectral wrote no report (exit ${result.code ?? result.signal}); see tmp/security-audit/spectral.log`)
    return []
  }
  return parseSpectral(JSON.parse(readFileSync(report, 'utf8') || '[]'), served)
}


