import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { resolveDatabaseLocation } from '#services/database/database_location'

/**
 * DATABASE_URL, DB_*, or the embedded PostgreSQL (development and test).
 * The embedded server is started by providers/database_server_provider.ts.
 *
 * Two connections (ARCHITECTURE §4, app/services/database/database_location.ts):
 * `postgres`, the default, is the RUNTIME role (web, workers, ordinary ace
 * commands), which owns nothing and cannot change ledger entries or audit
 * rows; `owner` is the role that owns the schema (DATABASE_OWNER_URL or
 * DB_OWNER_USER/DB_OWNER_PASSWORD), used by the migration commands,
 * `demo:seed --fresh` and the test suite's setup only.
 */
export const databaseLocation = resolveDatabaseLocation(
  (key) => env.get(key as any),
  env.get('NODE_ENV'),
  app.appRoot.pathname
)

/**
 * While PostgreSQL is down or restarting, a query fails within seconds
 * instead of waiting (pg's default connect timeout is none, knex's pool
 * waits 60 s): connecting gives up after DB_CONNECT_TIMEOUT_MS, waiting for
 * a pooled connection after DB_ACQUIRE_TIMEOUT_MS. The request answers 503
 * E_DATABASE_UNAVAILABLE (app/services/database/database_availability.ts) and the
 * pool reconnects by itself once the server is back.
 */
const failFast = {
  connection: { connectionTimeoutMillis: env.get('DB_CONNECT_TIMEOUT_MS') ?? 3000 },
  pool: { acquireTimeoutMillis: env.get('DB_ACQUIRE_TIMEOUT_MS') ?? 5000 },
}

const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection: {
        host: databaseLocation.host,
        port: databaseLocation.port,
        user: databaseLocation.user,
        password: databaseLocation.password,
        database: databaseLocation.database,
        ...failFast.connection,
      },
      pool: { min: 0, max: env.get('DB_POOL_MAX') ?? 20, ...failFast.pool },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: { paths: ['database/seeders'] },
    },
    owner: {
      client: 'pg',
      connection: {
        host: databaseLocation.owner.host,
        port: databaseLocation.owner.port,
        user: databaseLocation.owner.user,
        password: databaseLocation.owner.password,
        database: databaseLocation.owner.database,
        ...failFast.connection,
      },
      pool: { min: 0, max: 4, ...failFast.pool },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: { paths: ['database/seeders'] },
    },
  },
})

export default dbConfig
