/**
 * Small helpers shared by the benchmark scripts (plain Node, no build step).
 */
import { spawn } from 'node:child_process'

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
