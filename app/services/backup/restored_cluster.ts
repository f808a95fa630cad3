import { existsSync } from 'node:fs'
import { appendFile, chown, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { type OsUser, ownerOf, pgBinary, runTool } from '#services/backup/os_process'

/**
 * A cluster restored by pgBackRest into a new data directory, started on
 * its own port for a drill or an inspection: listening on 127.0.0.1 only,
 * its superuser by trust from this host, archiving off, and the server
 * environment (the repositories' passphrases) that its restore_command
 * (`pgbackrest archive-get`) needs during recovery. start() resolves once
 * recovery has finished and the copy is promoted (read-write).
 */
export class RestoredCluster {
  #running = false

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private owner: OsUser,
    private environment: Record<string, string>
  ) {}

  static async start(dataDir: string, environment: Record<string, string>, port?: number): Promise<RestoredCluster> {
    const cluster = new RestoredCluster(dataDir, port ?? (await freePort()), await ownerOf(dataDir), environment)
    await cluster.#configure()
    await cluster.#start()
    return cluster
  }

  get logFile() {
    return `${this.dataDir}.log`
  }

  connect(database = 'postgres'): Promise<pg.Client> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database, connectionTimeoutMillis: 5000 })
    return client.connect().then(() => client)
  }

  async stop() {
    if (!this.#running) return
    this.#running = false
    await runTool(pgBinary('pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], { user: this.owner })
  }

  /*
   * Settings appended last win over the restored postgresql.conf (which
   * Debian keeps in /etc: then the copy has none and gets a minimal one).
   */
  async #configure() {
    const conf = join(this.dataDir, 'postgresql.conf')
    const settings = [
      '',
      '# Strongroom restored copy (app/services/backup/restored_cluster.ts)',
      `port = ${this.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = ''`,
      'archive_mode = off',
      'hot_standby = on',
      `hba_file = '${join(this.dataDir, 'pg_hba.conf')}'`,
      `ident_file = '${join(this.dataDir, 'pg_ident.conf')}'`,
      '',
    ].join('\n')
    if (existsSync(conf)) await appendFile(conf, settings)
    else await writeFile(conf, settings, { mode: 0o600 })
    await writeFile(join(this.dataDir, 'pg_hba.conf'), 'host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n', { mode: 0o600 })
    if (!existsSync(join(this.dataDir, 'pg_ident.conf'))) await writeFile(join(this.dataDir, 'pg_ident.conf'), '', { mode: 0o600 })
    if (process.getuid?.() === 0) {
      for (const file of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf']) await chown(join(this.dataDir, file), this.owner.uid, this.owner.gid)
    }
  }

  async #start() {
    await runTool(pgBinary('pg_ctl'), ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '300', 'start'], {
      user: this.owner,
      env: { ...this.environment, PGTZ: 'UTC' },
    })
    this.#running = true
    /* pg_ctl returns once the copy accepts connections (hot standby): wait for the end of recovery */
    const deadline = Date.now() + 300_000
    for (;;) {
      const client = await this.connect().catch(() => null)
      if (client) {
        try {
          const { rows } = await client.query('select pg_is_in_recovery() as recovering')
          if (!rows[0].recovering) return
        } catch {
          /* still starting */
        } finally {
          await client.end().catch(() => {})
        }
      }
      if (Date.now() > deadline) throw new Error(`The restored copy in ${this.dataDir} did not finish recovery (log: ${this.logFile})`)
      await sleep(200)
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
