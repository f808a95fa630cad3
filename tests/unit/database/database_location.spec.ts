import { test } from '@japa/runner'
import {
  MissingDatabaseConfigException,
  resolveDatabaseLocation,
} from '#services/database/database_location'

const from = (vars: Record<string, string | number>) => (key: string) => vars[key]

test.group('Database selection at start-up', () => {
  test('DATABASE_URL wins over everything', ({ assert }) => {
    const location = resolveDatabaseLocation(
      from({ DATABASE_URL: 'postgres://bank:s%40cret@db.internal:6543/core', DB_HOST: 'ignored' }),
      'production',
      '/app'
    )
    assert.containsSubset(location, {
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

  test('without owner settings, production runs as a single role: least privilege is off', ({ assert }) => {
    const location = resolveDatabaseLocation(from({ DATABASE_URL: 'postgres://bank:pw@db:5432/core' }), 'production', '/app')
    assert.isFalse(location.leastPrivilege)
    assert.isFalse(location.provisionRuntimeRole)
    assert.deepEqual(location.owner, { host: 'db', port: 5432, user: 'bank', password: 'pw', database: 'core' })
  })
})

test.group('Database roles at start-up (owner and runtime)', () => {
  test('DATABASE_OWNER_URL is the owner, DATABASE_URL the runtime role; missing parts come from the runtime URL', ({ assert }) => {
    const location = resolveDatabaseLocation(
      from({ DATABASE_URL: 'postgres://app:apw@db.internal:6543/core', DATABASE_OWNER_URL: 'postgres://schema_owner:o%40pw@db.internal:6543' }),
      'production',
      '/app'
    )
    assert.containsSubset(location, { user: 'app', password: 'apw', leastPrivilege: true, provisionRuntimeRole: false })
    assert.deepEqual(location.owner, { host: 'db.internal', port: 6543, user: 'schema_owner', password: 'o@pw', database: 'core' })
  })

  test('DB_OWNER_USER / DB_OWNER_PASSWORD use the runtime host and database', ({ assert }) => {
    const location = resolveDatabaseLocation(
      from({ DB_HOST: '10.0.0.5', DB_USER: 'app', DB_PASSWORD: 'a', DB_DATABASE: 'sr', DB_OWNER_USER: 'owner', DB_OWNER_PASSWORD: 'o' }),
      'production',
      '/app'
    )
    assert.deepEqual(location.owner, { host: '10.0.0.5', port: 5432, user: 'owner', password: 'o', database: 'sr' })
    assert.isTrue(location.leastPrivilege)
  })

  test('the embedded PostgreSQL owns the schema as postgres and the app runs as <database>_app', ({ assert }) => {
    const dev = resolveDatabaseLocation(from({ EMBEDDED_PG_APP_PASSWORD: 'app-secret' }), 'development', '/app')
    assert.containsSubset(dev, { embedded: true, user: 'strongroom_app', password: 'app-secret', leastPrivilege: true, provisionRuntimeRole: true })
    assert.containsSubset(dev.owner, { user: 'postgres', password: 'strongroom', database: 'strongroom' })
    const testing = resolveDatabaseLocation(from({}), 'test', '/app')
    assert.equal(testing.user, 'strongroom_test_app')
    assert.lengthOf(testing.password, 32)
    assert.notEqual(testing.password, testing.owner.password)
  })

  test('a test database given by DATABASE_URL alone gets its own runtime role', ({ assert }) => {
    const location = resolveDatabaseLocation(from({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sr_x_test' }), 'test', '/app')
    assert.containsSubset(location, { user: 'sr_x_test_app', database: 'sr_x_test', provisionRuntimeRole: true, leastPrivilege: true })
    assert.containsSubset(location.owner, { user: 'postgres', database: 'sr_x_test' })
    const dev = resolveDatabaseLocation(from({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sr_x' }), 'development', '/app')
    assert.containsSubset(dev, { user: 'postgres', provisionRuntimeRole: false, leastPrivilege: false })
  })
})
