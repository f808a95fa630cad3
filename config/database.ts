import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { resolveDatabaseLocation } from '#services/database_location'

/**
 * DATABASE_URL, DB_*, or the embedded PostgreSQL (development and test).
 * The embedded server is started by providers/database_server_provider.ts.
 */
export const databaseLocation = resolveDatabaseLocation(
  (key) => env.get(key as any),
  env.get('NODE_ENV'),
  app.appRoot.pathname
)

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
      },
      pool: { min: 0, max: env.get('DB_POOL_MAX') ?? 20 },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: { paths: ['database/seeders'] },
    },
  },
})

export default dbConfig
