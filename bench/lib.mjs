/**
 * Small helpers shared by the benchmark scripts (plain Node, no build step).
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { cpus, totalmem } from 'node:os'
import { generate } from 'otplib'

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Percentile (0..100) of an array of numbers, nearest-rank; null when empty */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

/** Runs a command to completion; rejects on a non-zero exit (with its output) */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (options.echo) process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      if (options.echo) process.stderr.write(chunk)
    })
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : null
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (code === 0) return resolve({ stdout, stderr })
      const error = new Error(`${command} ${args.join(' ')} exited ${code ?? signal}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`)
      Object.assign(error, { code, stdout, stderr })
      reject(error)
    })
  })
}

/** Parses KEY=value lines (comments and blanks ignored) */
export function parseEnv(text) {
  const values = {}
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (match) values[match[1]] = match[2]
  }
  return values
}

export function log(message) {
  const stamp = new Date().toISOString().slice(11, 19)
  process.stderr.write(`[bench ${stamp}] ${message}\n`)
}

/** Runs one timed step of a script, logging its start and duration */
export async function step(title, fn) {
  const t0 = Date.now()
  log(`${title} ...`)
  const value = await fn()
  log(`${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return value
}

/** The last line of a command's output matching pattern, without colours */
export function lastLine(text, pattern) {
  const lines = String(text).replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => pattern.test(l))
  return lines.at(-1)?.trim() ?? null
}

export function machine() {
  const list = cpus()
  return { cpus: list.length, cpu: list[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version }
}

/**
 * A bearer token for a demo customer (POST /api/v1/auth/tokens with
 * password + a current TOTP code): { token } or { failure: "status body" }
 */
export async function requestToken(base, customer) {
  const response = await fetch(`${base}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: customer.email, password: customer.password, otp: await generate({ secret: customer.totpSecret }) }),
  })
  const body = await response.json().catch(() => ({}))
  if (response.ok && body?.data?.token) return { token: body.data.token }
  return { failure: `${response.status} ${JSON.stringify(body).slice(0, 300)}` }
}

/**
 * The production build (`node ace build`, `--ignore-ts-errors` when asked)
 * with node_modules linked in, migrated and seeded with the demo bank
 * through `ace` (a function running build/ace.js; `skipBuild` re-uses
 * build/). Migrations and the seed
 * run as development: only then do the migrations mark the database for
 * demo:seed's back-dated history. Returns the demo credentials.
 */
export async function buildAndSeed({ root, ace, customers, credentialsFile, ignoreTsErrors = false, skipBuild = false }) {
  const build = join(root, 'build')
  if (!skipBuild) {
    const args = ['ace', 'build', ...(ignoreTsErrors ? ['--ignore-ts-errors'] : [])]
    await step(args.slice(1).join(' '), () =>
      run(process.execPath, args, { cwd: root, env: { ...process.env, NODE_ENV: 'development' }, timeoutMs: 300_000 })
    )
  }
  if (!existsSync(join(build, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir')
  await step('migration:run', () => ace(['migration:run', '--force'], { NODE_ENV: 'development' }))
  await step(`demo:seed --customers=${customers}`, () =>
    ace(['demo:seed', `--customers=${customers}`, `--output=${credentialsFile}`], { NODE_ENV: 'development' })
  )
  return JSON.parse(readFileSync(credentialsFile, 'utf8'))
}

/**
 * Production refuses a shared storage root for the residency regions: the
 * benchmark, chaos and security-audit servers (NODE_ENV=production) get
 * every region's paths named, under the build's storage/ (relative paths
 * resolve against the app root). The master key file comes from
 * .env.example (LOCAL_KEY_FILE, under the build's storage/ too): demo:seed
 * (development) creates it, the production server reads the same one.
 */
export function regionPathsEnv(regions = ['uk', 'eu']) {
  const env = {}
  for (const region of regions) {
    const base = `storage/regions/${region}`
    env[`RESIDENCY_${region.toUpperCase()}_FILES`] = `${base}/files`
    env[`RESIDENCY_${region.toUpperCase()}_BACKUPS`] = `${base}/backups`
    env[`RESIDENCY_${region.toUpperCase()}_BACKUPS_OFFSITE`] = `${base}/backups-offsite`
    env[`RESIDENCY_${region.toUpperCase()}_EXPORTS`] = `${base}/exports`
  }
  return env
}

/**
 * A process and its descendants (a node:cluster primary and its workers):
 * the kernel's children lists when it has them, else a scan of /proc.
 */
export function processTree(pid) {
  const children = (parent) => {
    try {
      return readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    } catch {
      const out = []
      for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
        try {
          /* stat: "pid (comm) state ppid …", comm may hold spaces */
          const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
          if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) out.push(Number(entry))
        } catch {}
      }
      return out
    }
  }
  const all = [pid]
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]))
  return all
}

/** Resident memory (VmRSS) of a process and its descendants, in MB; null when it is gone */
export function treeRssMb(pid) {
  let kb = 0
  let found = false
  for (const p of processTree(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))
      if (match) {
        kb += Number(match[1])
        found = true
      }
    } catch {}
  }
  return found ? kb / 1024 : null
}

/**
 * Samples treeRssMb(pid) every `everyMs` until stop(), which returns the
 * maximum in MB (the web process's peak during one run; with
 * WEB_CONCURRENCY > 1 the sum of the primary and its workers) and the number
 * of processes last seen.
 */
export function sampleRss(pid, everyMs = 250) {
  let max = null
  const tick = () => {
    const mb = treeRssMb(pid)
    if (mb !== null && (max === null || mb > max)) max = mb
  }
  tick()
  const timer = setInterval(tick, everyMs)
  return {
    stop() {
      clearInterval(timer)
      tick()
      return { rssMaxMb: max === null ? null : Math.round(max), processes: processTree(pid).length }
    },
  }
}
