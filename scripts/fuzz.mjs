#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz test (tests/functional/fuzz) with at least
 * 10,000 generated malformed requests instead of the suite's 1,000. It
 * runs through `npm test`'s runner (same database selection, same time
 * limit handling) and prints the counts by status and the time taken.
 *
 *   npm run fuzz                         10,000 requests, seed 20261203
 *   FUZZ_RUNS=50000 FUZZ_SEED=7 npm run fuzz
 *   FUZZ_CONCURRENCY=8 npm run fuzz      requests in flight (default 4)
 *
 * Exit code: non-zero when any request answered 5xx or a table changed.
 */
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runs = Math.max(10_000, Number(process.env.FUZZ_RUNS ?? 10_000))

const child = spawn(
  process.execPath,
  ['scripts/test.mjs', 'functional', '--files=tests/functional/fuzz/malformed_requests.spec.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: String(runs), TEST_TIMEOUT_SECONDS: process.env.TEST_TIMEOUT_SECONDS ?? '3600' },
  }
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
