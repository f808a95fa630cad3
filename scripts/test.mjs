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
 * embedded one under tmp/. Exit code: the runner's, or 124 on timeout.
 */
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const limit = Number(process.env.TEST_TIMEOUT_SECONDS ?? 1200)

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
