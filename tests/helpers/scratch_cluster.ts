import { spawn, execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { appendFile, chown, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import app from '@adonisjs/core/services/app'
import { freePort } from '#tests/helpers/app_instance'

/**
 * Scratch PostgreSQL clusters for the operations tests: a primary and
 * streaming replicas of it, made with the machine's PostgreSQL binaries
 * (initdb, pg_ctl, pg_basebackup) in a temporary directory, on free ports,
 * never touching the machine's shared server. Every statement is logged
 * with its application name, role and session (`%a|%u|%c|`) to a file per cluster, so
 * a test can tell which server ran what.
 *
 * As root (CI), PostgreSQL refuses to run: every binary runs as the
 * unprivileged `postgres` OS user, which owns the temporary directory (the
 * same user the embedded PostgreSQL uses, app/services/database/embedded_database.ts).
 */

const LOG_PREFIX = '%a|%u|%c|'

export interface ScratchServer {
  port: number
  dataDir: string
  logFile: string
  /** A client as the superuser `postgres` (trust on 127.0.0.1) */
  connect(database?: string): Promise<pg.Client>
  /** The server's log from byte `from` on (see logSize) */
  logSince(from: number): Promise<string>
  logSize(): Promise<number>
  stop(mode?: 'fast' | 'immediate'): Promise<void>
}

/** The newest PostgreSQL binaries directory that has pg_basebackup (PG_BINDIR wins) */
export function postgresBinDir(): string {
  const candidates = [process.env.PG_BINDIR, ...versionDirs()].filter(Boolean) as string[]
  const found = candidates.find((dir) => ['initdb', 'pg_ctl', 'pg_basebackup'].every((bin) => existsSync(join(dir, bin))))
  if (!found) {
    throw new Error('No PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup): install postgresql-15 or set PG_BINDIR')
  }
  return found
}

function versionDirs() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return []
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))
}

/** uid/gid of the `postgres` OS user when this process is root, else undefined (run as ourselves) */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres && id -g postgres']).toString().trim().split('\n').map(Number)
  return { uid, gid }
}

/** Runs a PostgreSQL binary (as `postgres` under root); rejects with its output on a non-zero exit */
function run(bin: string, args: string[], cwd: string): Promise<string> {
  const user = postgresUser()
  return new Promise((resolve, reject) => {
    const child = spawn(join(postgresBinDir(), bin), args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', PGTZ: 'UTC', HOME: cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${bin} ${args.join(' ')} exited ${code}:\n${output}`))))
  })
}

/**
 * A temporary directory owned by the `postgres` user (under root) holding
 * the clusters. `cleanup()` stops every server started in it and removes it.
 */
export class ScratchClusters {
  private servers: ScratchServer[] = []

  private constructor(readonly dir: string) {}

  static async create(): Promise<ScratchClusters> {
    const dir = await mkdtemp(join(tmpdir(), 'strongroom-clusters-'))
    const user = postgresUser()
    if (user) await chown(dir, user.uid, user.gid)
    return new ScratchClusters(dir)
  }

  /** initdb + start: a primary that accepts streaming replicas (wal_level=replica) */
  async primary(name = 'primary'): Promise<ScratchServer> {
    const dataDir = join(this.dir, name)
    await run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], this.dir)
    const port = await freePort()
    await appendFile(
      join(dataDir, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${this.dir}'`,
        'wal_level = replica',
        'max_wal_senders = 8',
        'hot_standby = on',
        'fsync = off',
        'shared_buffers = 32MB',
        'max_connections = 100',
        `log_statement = 'all'`,
        `log_line_prefix = '${LOG_PREFIX}'`,
        `timezone = 'UTC'`,
        '',
      ].join('\n')
    )
    /*
     * Replication and the superuser by trust; every other role (the app's
     * runtime role) with its password, so a replica proves the password
     * replicated with the role.
     */
    await writeFile(
      join(dataDir, 'pg_hba.conf'),
      [
        'local all all trust',
        'host replication all 127.0.0.1/32 trust',
        'host all postgres 127.0.0.1/32 trust',
        'host all all 127.0.0.1/32 scram-sha-256',
        '',
      ].join('\n')
    )
    return this.start(dataDir, port)
  }

  /** pg_basebackup -R of `primary` + start; resolves once the primary sees it streaming */
  async replica(primary: ScratchServer, name = 'replica'): Promise<ScratchServer> {
    const dataDir = join(this.dir, name)
    await run(
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '-N'],
      this.dir
    )
    const port = await freePort()
    /* cluster_name: the name the primary sees in pg_stat_replication.application_name */
    await appendFile(join(dataDir, 'postgresql.conf'), `port = ${port}\ncluster_name = '${name}'\n`)
    const replica = await this.start(dataDir, port)
    await waitFor(`${name} streaming from the primary`, async () => {
      const client = await primary.connect()
      try {
        const { rowCount } = await client.query(
          `select 1 from pg_stat_replication where application_name = $1 and state = 'streaming'`,
          [name]
        )
        return rowCount === 1
      } finally {
        await client.end()
      }
    })
    return replica
  }

  /** Stops every server (immediately: nothing here is kept) and removes the directory */
  async cleanup() {
    for (const server of this.servers.reverse()) await server.stop('immediate').catch(() => {})
    await rm(this.dir, { recursive: true, force: true })
  }

  private async start(dataDir: string, port: number): Promise<ScratchServer> {
    const logFile = `${dataDir}.log`
    const dir = this.dir
    let running = false
    const server: ScratchServer = {
      port,
      dataDir,
      logFile,
      connect: async (database = 'postgres') => {
        const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database, connectionTimeoutMillis: 5000 })
        await client.connect()
        return client
      },
      logSize: async () => (await stat(logFile)).size,
      logSince: async (from) => {
        const file = await open(logFile, 'r')
        try {
          const { size } = await file.stat()
          const buffer = Buffer.alloc(Math.max(0, size - from))
          await file.read(buffer, 0, buffer.length, from)
          return buffer.toString('utf8')
        } finally {
          await file.close()
        }
      },
      stop: async (mode = 'fast') => {
        if (!running) return
        running = false
        await run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], dir)
      },
    }
    this.servers.push(server)
    await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], dir)
    running = true
    return server
  }
}

/**
 * Creates `database` on `server` and runs the migrations there as the app's
 * test bootstrap does (`node ace migration:run` in a process of its own with
 * NODE_ENV=test: the configured role `postgres` is the owner and the app
 * provisions its runtime role `<database>_app` and its grants).
 */
export async function migrateScratchDatabase(server: ScratchServer, database: string) {
  const env = { ...process.env, ...scratchDatabaseEnv(server, database) }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['ace.js', 'migration:run', '--force'], {
      cwd: app.appRoot.pathname,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migration:run exited ${code}:\n${output}`))))
  })
}

/** The environment of an app process (ace, web) on `database` of the scratch `server`, least privilege as in the suite */
export function scratchDatabaseEnv(server: ScratchServer, database: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: `postgres://postgres@127.0.0.1:${server.port}/${database}`,
    DB_HOST: '',
    DATABASE_OWNER_URL: '',
    DB_OWNER_USER: '',
    DATABASE_REPLICA_URL: '',
    DB_REPLICA_HOST: '',
  }
}

/** Polls `check` until it is true (60 s at most: a slow CI machine) */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check().catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}
