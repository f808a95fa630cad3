import { test } from '@japa/runner'
import {
  MissingDatabaseConfigException,
  resolveDatabaseLocation,
} from '#services/database_location'

const from = (vars: Record<string, string | number>) => (key: string) => vars[key]

test.group('Database selection at start-up', () => {
  test('DATABASE_URL wins over everything', ({ assert }) => {
    const location = resolveDatabaseLocation(
      from({ DATABASE_URL: 'postgres://bank:s%40cret@db.internal:6543/core', DB_HOST: 'ignored' }),
      'production',
      '/app'
    )
    assert.deepEqual(location, {
      embedded: false,
      host: 'db.internal',
      port: 6543,
      user: 'bank',
      password: 's@cret',
      database: 'core',
    })
  })

  test('DB_* variables when there is no DATABASE_URL', ({ assert }) => {
    const location = resolveDatabaseLocation(
      from({ DB_HOST: '10.0.0.5', DB_USER: 'sr', DB_PASSWORD: 'pw', DB_DATABASE: 'sr_prod' }),
      'production',
      '/app'
    )
    assert.containsSubset(location, { embedded: false, host: '10.0.0.5', port: 5432, database: 'sr_prod' })
  })

  test('development and test fall back to the embedded PostgreSQL under tmp/', ({ assert }) => {
    const dev = resolveDatabaseLocation(from({ EMBEDDED_PG_PORT: 54400 }), 'development', '/app')
    assert.containsSubset(dev, { embedded: true, port: 54400, database: 'strongroom', dataDir: '/app/tmp/pg-data' })
    const testing = resolveDatabaseLocation(from({}), 'test', '/app')
    assert.containsSubset(testing, { embedded: true, database: 'strongroom_test' })
  })

  test('production refuses to start without an explicit database', ({ assert }) => {
    assert.throws(
      () => resolveDatabaseLocation(from({ DATABASE_URL: '', DB_HOST: '' }), 'production', '/app'),
      MissingDatabaseConfigException as any
    )
  })
})
