#!/usr/bin/env node
/**
 * `npm test`: the whole Japa suite (unit, functional, browser) under a
 * time limit, so that a hang at boot fails instead of blocking CI.
 *
 *   npm test                              all suites
 *   npm test -- functional --files=...    arguments go to `node ace test`
 *   TEST_TIMEOUT_SECONDS=900 npm test     limit (default 1200 s)
 *
 * No PostgreSQL needed: without DATABASE_URL/DB_HOST the tests start an
 * embedded one under tmp/. Either way the suite runs with least privilege:
 * it migrates as the owner role and the app connects as <database>_app,
 * a role it creates (README "Database roles"). Exit code: the runner's, or
 * 124 on timeout.
 *
 * No .env needed either: the committed .env.test holds the test
 * environment. Before the run, the backoffice assets are built (vite build,
 * a few seconds) when public/assets has no manifest or is older than
 * inertia/: the test process renders pages through the Vite dev server, but
 * the extra web processes some tests start (tests/helpers/app_instance.ts)
 * render them from the built manifest, which a fresh clone does not have.
 *
 * The whole suite (no arguments) first type-checks the server and the
 * pages (`npm run typecheck`, ~40 s): a page's props are typed from its
 * controller, so a drift between them fails here. TEST_TYPECHECK=0 skips it.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const limit = Number(process.env.TEST_TIMEOUT_SECONDS ?? 1200)

if (process.argv.length === 2 && process.env.TEST_TYPECHECK !== '0') typecheck()
buildAssetsWhenStale()

const child = spawn(process.execPath, ['ace', 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
})
const killGroup = (signal) => {
  try {
    process.kill(-child.pid, signal)
  } catch {}
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => killGroup(signal))

const timer = setTimeout(() => {
  console.error(`\n✖ Tests did not finish within ${limit} s (TEST_TIMEOUT_SECONDS): killed.`)
  killGroup('SIGTERM')
  setTimeout(() => killGroup('SIGKILL'), 10_000).unref()
  process.exitCode = 124
}, limit * 1000)

child.on('exit', (code, signal) => {
  clearTimeout(timer)
  killGroup('SIGTERM') /* leftovers of the run (an embedded PostgreSQL it started) */
  process.exit(process.exitCode ?? code ?? (signal ? 1 : 0))
})

/** Newest modification time under `path` (files only), 0 when missing */
function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

function typecheck() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  for (const project of ['tsconfig.json', 'inertia/tsconfig.json']) {
    console.log(`▶ Type-checking ${project}`)
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' })
    if (result.status !== 0) {
      console.error(`✖ ${project} does not type-check (exit ${result.status ?? result.signal})`)
      process.exit(result.status || 1)
    }
  }
}

function buildAssetsWhenStale() {
  const manifest = join(root, 'public', 'assets', '.vite', 'manifest.json')
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0
  const sources = Math.max(newest(join(root, 'inertia')), newest(join(root, 'vite.config.ts')))
  if (built >= sources) return
  console.log('▶ Building the backoffice assets (vite build) for the web processes some tests start')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`✖ vite build failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
}
