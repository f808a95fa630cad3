#!/usr/bin/env node
/**
 * From a fresh clone to a running bank with demo data: `npm run up`.
 *
 * Plain Node (no dependency needed before `npm ci`): checks Node >= 24,
 * installs dependencies when node_modules is missing, creates .env from
 * .env.example with a fresh APP_KEY, migrates (embedded PostgreSQL unless
 * DATABASE_URL/DB_HOST is set), seeds the demo bank (idempotent), then runs
 * `node ace serve --hmr` (Vite dev server, so the backoffice pages work)
 * and, once /health/live answers, the job queue's worker (`node ace
 * queue:work`) next to it, and prints the URLs. Ctrl+C stops both.
 *
 * Options: --customers=N (demo size, default 20), --no-serve (stop after seeding).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { get as httpsGet } from 'node:https'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const customers = args.find((a) => a.startsWith('--customers='))?.split('=')[1] ?? '20'
const serve = !args.includes('--no-serve')
const started = Date.now()

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  console.error(`Strongroom needs Node.js 24 or newer; this is ${process.version}.`)
  console.error('Install it from https://nodejs.org or with a version manager (`nvm install 24`, see .nvmrc).')
  process.exit(1)
}

function step(title, command, commandArgs, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${commandArgs.join(' ')}`)
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status || 1)
  }
}

if (!existsSync(join(root, 'node_modules'))) {
  step('Installing dependencies', 'npm', ['ci', '--no-audit', '--no-fund'])
}

ensureEnvFile(join(root, '.env'), join(root, '.env.example'))
const env = readEnv(join(root, '.env'))
const port = process.env.PORT ?? env.PORT ?? '3333'
const host = process.env.HOST ?? env.HOST ?? 'localhost'

step('Migrating the database', process.execPath, ['ace', 'migration:run', '--force'])
step('Seeding the demo bank', process.execPath, ['ace', 'demo:seed', `--customers=${customers}`])
console.log(`\n✔ Ready to serve after ${((Date.now() - started) / 1000).toFixed(1)} s`)
if (!serve) process.exit(0)

/* DEV_TLS=true (or HTTPS=true): the server serves https:// with its self-signed certificate (app/services/tls/dev_tls.ts) */
const devTls = [process.env.DEV_TLS, process.env.HTTPS, env.DEV_TLS, env.HTTPS].some((v) => /^(true|1|yes)$/i.test(v ?? ''))
const devTlsCert = join(root, process.env.DEV_TLS_DIR || env.DEV_TLS_DIR || 'tmp/tls', 'localhost-cert.pem')
const base = `${devTls ? 'https' : 'http'}://${host}:${port}`
console.log(`\n▶ Starting the server: node ace serve --hmr (Ctrl+C to stop)`)
const server = spawn(process.execPath, ['ace', 'serve', '--hmr'], { cwd: root, stdio: 'inherit' })
let worker = null
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    worker?.kill(signal)
    server.kill(signal)
  })
}
server.on('exit', (code) => {
  worker?.kill('SIGTERM')
  process.exit(code ?? 0)
})
await waitFor(`${base}/health/live`)
/* The worker after the server: the server owns the embedded PostgreSQL, the worker joins it */
console.log(`\n▶ Starting the worker: node ace queue:work (mail, notifications, risk scoring, schedules)`)
worker = spawn(process.execPath, ['ace', 'queue:work'], { cwd: root, stdio: 'inherit' })
worker.on('exit', (code, signal) => {
  if (!signal) console.error(`✖ the worker stopped (exit ${code}); restart it with: node ace queue:work`)
})
console.log(`
┌──────────────────────────────────────────────────────────────────
│ Strongroom is running (${((Date.now() - started) / 1000).toFixed(1)} s)
│   Backoffice   ${base}/backoffice        (staff login: /backoffice/login)
│   API          ${base}/api/v1            (bearer tokens: POST /api/v1/auth/tokens)
│   Health       ${base}/health/live  ${base}/health/ready
│   Worker       node ace queue:work (started; queue page: ${base}/backoffice/queue)${devTls ? `\n│   HTTPS        self-signed certificate ${devTlsCert} (trust it in your browser or curl --cacert)` : ''}
│   Credentials  tmp/demo-credentials.json  (passwords + TOTP secrets; see README "Demo credentials")
│   TOTP code    node -e "import('otplib').then(async o=>console.log(await o.generate({secret:process.argv[1]})))" <SECRET>
└──────────────────────────────────────────────────────────────────`)

function ensureEnvFile(path, examplePath) {
  if (!existsSync(path)) {
    writeFileSync(path, readFileSync(examplePath, 'utf8'))
    console.log('▶ Created .env from .env.example')
  }
  const text = readFileSync(path, 'utf8')
  if (!/^APP_KEY=\S+/m.test(text)) {
    const key = randomBytes(32).toString('base64url')
    const next = /^APP_KEY=.*$/m.test(text) ? text.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`) : `${text.trimEnd()}\nAPP_KEY=${key}\n`
    writeFileSync(path, next)
    console.log('▶ Generated APP_KEY in .env')
  }
}

function readEnv(path) {
  const values = {}
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (match) values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return values
}

/** GET answers 2xx; over https, trusting the development certificate only */
function live(url) {
  if (!url.startsWith('https:')) return fetch(url).then((response) => response.ok)
  return new Promise((resolve, reject) => {
    const req = httpsGet(url, { ca: readFileSync(devTlsCert, 'utf8') }, (res) => {
      res.resume()
      resolve(res.statusCode >= 200 && res.statusCode < 300)
    })
    req.on('error', reject)
  })
}

async function waitFor(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if (await live(url)) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  console.error(`✖ ${url} did not answer within ${timeoutMs / 1000} s`)
}
