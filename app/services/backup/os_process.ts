import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import backupConfig from '#config/backup'

/**
 * Running the backup tools (pgbackrest, pg_dump, pg_restore, pg_ctl) as
 * child processes. PostgreSQL's tools refuse to run as root and pgBackRest
 * must run as the OS user that owns the data directory (so that the files
 * it writes to the repository are the ones `archive-push`, run by the
 * server as that user, can extend): under root the tools run as that user.
 * Output is collected and returned; a non-zero exit rejects with it
 * (secrets are passed in the environment, never on the command line).
 */
export interface OsUser {
  uid: number
  gid: number
}

export interface RunOptions {
  env?: Record<string, string | undefined>
  /** Run as this user (only applied when this process is root) */
  user?: OsUser
  cwd?: string
  /** Piped to the child's stdin */
  stdin?: Readable
  /** The child's stdout goes here instead of being collected */
  stdout?: Writable
}

export class ToolFailedError extends Error {
  constructor(
    readonly tool: string,
    readonly exitCode: number | null,
    readonly output: string
  ) {
    super(`${tool} exited ${exitCode}: ${output.trim().split('\n').slice(-8).join('\n')}`)
  }
}

export function runTool(bin: string, args: string[], options: RunOptions = {}): Promise<string> {
  const asUser = process.getuid?.() === 0 && options.user && options.user.uid !== 0 ? options.user : undefined
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd ?? '/',
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LC_ALL: 'C',
        HOME: options.cwd ?? '/tmp',
        ...Object.fromEntries(Object.entries(options.env ?? {}).filter(([, v]) => v !== undefined)),
      } as NodeJS.ProcessEnv,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      ...(asUser ?? {}),
    })
    let output = ''
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (output.length > 200_000) output = output.slice(-100_000)
    }
    if (options.stdin) {
      options.stdin.on('error', (error) => {
        child.kill()
        reject(error)
      })
      options.stdin.pipe(child.stdin!)
    }
    if (options.stdout) child.stdout!.pipe(options.stdout, { end: false })
    else child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    child.on('error', (error) => reject(new ToolFailedError(bin, null, error.message)))
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new ToolFailedError(bin.split('/').pop()!, code, output))))
  })
}

/** The owner of `path` (a data directory): the user the PostgreSQL tools and pgBackRest run as */
export async function ownerOf(path: string): Promise<OsUser> {
  const info = await stat(path)
  return { uid: info.uid, gid: info.gid }
}

/**
 * A PostgreSQL client or server binary: BACKUP_PG_BIN_DIR, else the newest
 * /usr/lib/postgresql/N/bin that has it (Debian), else the name (PATH).
 */
export function pgBinary(name: string): string {
  if (backupConfig.pgBinDir) return join(backupConfig.pgBinDir, name)
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const dir = readdirSync(root)
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join(root, version, 'bin'))
      .find((candidate) => existsSync(join(candidate, name)))
    if (dir) return join(dir, name)
  }
  return name
}
