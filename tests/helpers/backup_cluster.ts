import { spawn } from 'node:child_process'
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import app from '@adonisjs/core/services/app'
import { freePort } from '#tests/helpers/app_instance'
import { type ScratchClusters, postgresBinDir } from '#tests/helpers/scratch_cluster'
import { ownerOf, runTool } from '#services/backup/os_process'

/**
 * A scratch primary that archives its WAL with pgBackRest, for the backup
 * tests: initdb in a ScratchClusters directory (as its `postgres` owner),
 * archive_mode = on, archive_command = the project's generated command,
 * and the repositories' passphrases in the server's environment (what
 * `archive-push` encrypts with), as on a production database host.
 */
export interface ArchivingPrimary {
  port: number
  dataDir: string
  socketDir: string
  connect(database?: string): Promise<pg.Client>
  stop(): Promise<void>
}

export async function archivingPrimary(
  clusters: ScratchClusters,
  archiveCommand: string,
  serverEnvironment: Record<string, string>
): Promise<ArchivingPrimary> {
  const owner = await ownerOf(clusters.dir)
  const bin = (name: string) => join(postgresBinDir(), name)
  const dataDir = join(clusters.dir, 'archiving')
  const env = { PGTZ: 'UTC', ...serverEnvironment }
  await runTool(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    user: owner,
    cwd: clusters.dir,
  })
  const port = await freePort()
  await appendFile(
    join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${clusters.dir}'`,
      'wal_level = replica',
      'archive_mode = on',
      `archive_command = '${archiveCommand}'`,
      'max_wal_senders = 4',
      'fsync = off',
      'shared_buffers = 32MB',
      `timezone = 'UTC'`,
      '',
    ].join('\n')
  )
  await writeFile(join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n')
  let running = true
  await runTool(bin('pg_ctl'), ['-D', dataDir, '-l', `${dataDir}.log`, '-w', '-t', '60', 'start'], { user: owner, cwd: clusters.dir, env })
  return {
    port,
    dataDir,
    socketDir: clusters.dir,
    connect: async (database = 'postgres') => {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database, connectionTimeoutMillis: 5000 })
      await client.connect()
      return client
    },
    stop: async () => {
      if (!running) return
      running = false
      await runTool(bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { user: owner, cwd: clusters.dir })
    },
  }
}

export interface AceRun {
  exitCode: number | null
  output: string
}

/** `node ace <args>` in a process of its own with `env` over this process's environment */
export function ace(args: string[], env: Record<string, string>): Promise<AceRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace.js', ...args], {
      cwd: app.appRoot.pathname,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (exitCode) => resolve({ exitCode, output }))
  })
}

/** Every regular file under `dir` (recursively) that contains `needle` */
export async function filesContaining(dir: string, needle: string | Buffer): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry)
    /* a running cluster's files come and go while this reads them */
    const content = await stat(path)
      .then((info) => (info.isFile() ? readFile(path) : null))
      .catch(() => null)
    if (content?.includes(needle)) found.push(path)
  }
  return found
}
