import { spawn } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import type { DatabaseEndpoint } from '#services/database/database_location'

/**
 * Verifies a restored copy with the project's own checks, each in a
 * process of its own (run side by side) pointed at the copy (DATABASE_URL, as the copy's
 * owner; no replica): `ledger:verify`, and `audit:verify`, with
 * `--checkpoint FILE` when a signed audit checkpoint is given (the copy's
 * chain must still contain exactly the checkpointed block).
 */
export interface CheckResult {
  check: 'ledger:verify' | 'audit:verify'
  ok: boolean
  exitCode: number | null
  /** The command's last lines (counts and breaks; no personal data) */
  output: string
}

export function copyUrl(endpoint: DatabaseEndpoint) {
  const auth = endpoint.password ? `${encodeURIComponent(endpoint.user)}:${encodeURIComponent(endpoint.password)}` : encodeURIComponent(endpoint.user)
  return `postgres://${auth}@${endpoint.host}:${endpoint.port}/${encodeURIComponent(endpoint.database)}`
}

export async function verifyCopy(copy: DatabaseEndpoint, checkpoint?: string): Promise<CheckResult[]> {
  /* side by side: both only read what they check (each records its own run) */
  return Promise.all([runAce('ledger:verify', [], copy), runAce('audit:verify', checkpoint ? ['--checkpoint', checkpoint] : [], copy)])
}

function runAce(check: CheckResult['check'], args: string[], copy: DatabaseEndpoint): Promise<CheckResult> {
  const url = copyUrl(copy)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace.js', check, ...args], {
      cwd: app.appRoot.pathname,
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATABASE_OWNER_URL: url,
        DB_HOST: '',
        DB_OWNER_USER: '',
        DATABASE_REPLICA_URL: '',
        DB_REPLICA_HOST: '',
        METRICS_PORT: '0',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ check, ok: code === 0, exitCode: code, output: output.trim().split('\n').slice(-12).join('\n') })
    )
  })
}
