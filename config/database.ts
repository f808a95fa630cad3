import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { resolveDatabaseLocation } from '#services/database/database_location'
import {
  DEFAULT_REPLICA_RETRY_MS,
  REPLICA_APPLICATION_NAME,
  REPLICA_CONNECTION,
  resolveReplicaEndpoint,
} from '#services/database/replica_location'

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
 * The streaming read replica (DATABASE_REPLICA_URL or DB_REPLICA_HOST), or
 * null. Why a separate named connection `replica` and not Lucid's
 * `replicas: { read, write }` on the default connection: Lucid's query
 * runner sends EVERY non-write query outside a transaction to the read
 * side, so a request that writes and then reads (the account page after
 * opening it, the audit panel after "Run verification", a model lookup
 * right after an insert) would read a replica that has not replayed its
 * own write yet. Here the default connection stays the primary for
 * everything; only the heavy reads opt in through readReplica() /
 * onReadReplica() (app/services/database/read_replica.ts), which also fall
 * back to the primary while the replica is down. Transactions (every money
 * movement) are opened on the default connection, so never on the replica.
 */
export const replicaEndpoint = resolveReplicaEndpoint((key) => env.get(key as any), databaseLocation)

/** After a replica failure, heavy reads use the primary for this many ms before trying the replica again */
export const replicaRetryMs = env.get('DB_REPLICA_RETRY_MS') ?? DEFAULT_REPLICA_RETRY_MS

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

/** node-postgres settings of a replica session (Lucid's type lists only host/port/user/password/database; knex passes the rest to pg) */
const replicaSession = {
  ...replicaEndpoint,
  application_name: REPLICA_APPLICATION_NAME,
  options: '-c default_transaction_read_only=on',
  ...failFast.connection,
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
    /*
     * Only when a replica is configured. Every session is read-only
     * (default_transaction_read_only) even if the URL points at a primary by
     * mistake, and named in pg_stat_activity and the server's log (%a).
     */
    ...(replicaEndpoint
      ? {
          [REPLICA_CONNECTION]: {
            client: 'pg' as const,
            connection: replicaSession,
            pool: { min: 0, max: env.get('DB_REPLICA_POOL_MAX') ?? env.get('DB_POOL_MAX') ?? 20, ...failFast.pool },
          },
        }
      : {}),
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
