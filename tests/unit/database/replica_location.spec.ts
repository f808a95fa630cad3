import { test } from '@japa/runner'
import { resolveReplicaEndpoint } from '#services/database/replica_location'

/** The runtime role's endpoint, as resolveDatabaseLocation gives it */
const runtime = { host: 'primary.internal', port: 6432, user: 'strongroom_app', password: 's3cret', database: 'strongroom' }
const from = (vars: Record<string, string | number>) => (key: string) => vars[key]

test.group('Read replica location', () => {
  test('no replica variable: no replica (every read on the primary)', ({ assert }) => {
    assert.isNull(resolveReplicaEndpoint(from({}), runtime))
    assert.isNull(resolveReplicaEndpoint(from({ DATABASE_REPLICA_URL: '', DB_REPLICA_HOST: '' }), runtime))
  })

  test('a URL with host and port only logs in as the runtime role (roles replicate from the primary)', ({ assert }) => {
    assert.deepEqual(resolveReplicaEndpoint(from({ DATABASE_REPLICA_URL: 'postgres://replica.internal:5433' }), runtime), {
      ...runtime,
      host: 'replica.internal',
      port: 5433,
    })
  })

  test('a URL with its own user, password and database uses them; no port means 5432', ({ assert }) => {
    const endpoint = resolveReplicaEndpoint(
      from({ DATABASE_REPLICA_URL: 'postgres://reader:p%40ss@replica.internal/reports' }),
      runtime
    )
    assert.deepEqual(endpoint, { host: 'replica.internal', port: 5432, user: 'reader', password: 'p@ss', database: 'reports' })
  })

  test('DB_REPLICA_HOST takes the primary port unless DB_REPLICA_PORT says otherwise; the URL wins over it', ({ assert }) => {
    assert.deepEqual(resolveReplicaEndpoint(from({ DB_REPLICA_HOST: 'replica.internal' }), runtime), {
      ...runtime,
      host: 'replica.internal',
    })
    assert.deepEqual(resolveReplicaEndpoint(from({ DB_REPLICA_HOST: 'replica.internal', DB_REPLICA_PORT: 5999 }), runtime), {
      ...runtime,
      host: 'replica.internal',
      port: 5999,
    })
    const both = resolveReplicaEndpoint(
      from({ DATABASE_REPLICA_URL: 'postgres://url-replica:5433', DB_REPLICA_HOST: 'host-replica' }),
      runtime
    )
    assert.equal(both?.host, 'url-replica')
  })
})
