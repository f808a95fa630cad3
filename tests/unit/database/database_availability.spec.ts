import { test } from '@japa/runner'
import { asDatabaseUnavailable, isDatabaseUnavailable } from '#services/database/database_availability'
import DatabaseUnavailableException from '#exceptions/database_unavailable_exception'

/** The shapes node-postgres and knex give to a database that is down, restarting or unreachable */
const pgError = (code: string, message = 'server error') => Object.assign(new Error(message), { code, severity: 'FATAL' })
const knexTimeout = () => Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })

test.group('Database availability classifier', () => {
  for (const [label, error] of [
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 })],
    ['refused on every address (AggregateError)', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {})],
    ['admin shutdown 57P01 (pg_ctl stop -m fast)', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown 57P02 (pg_ctl stop -m immediate)', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['starting up 57P03', pgError('57P03', 'the database system is starting up')],
    ['too many connections 53300', pgError('53300', 'sorry, too many clients already')],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['connect timeout of a pooled client (DB_CONNECT_TIMEOUT_MS)', new Error('timeout expired')],
    ['dead client reused', new Error('Client has encountered a connection error and is not queryable')],
    ['no pooled connection in time', knexTimeout()],
    ['wrapped as a cause', new Error('query failed', { cause: pgError('57P01') })],
  ] as const) {
    test(`classifies "${label}" as the database being unavailable (503)`, ({ assert }) => {
      assert.isTrue(isDatabaseUnavailable(error))
      const mapped = asDatabaseUnavailable(error)
      assert.instanceOf(mapped, DatabaseUnavailableException)
      assert.equal((mapped as DatabaseUnavailableException).status, 503)
      assert.equal((mapped as DatabaseUnavailableException).code, 'E_DATABASE_UNAVAILABLE')
      assert.strictEqual((mapped as Error).cause, error)
    })
  }

  test('leaves query failures alone (they are not an outage)', ({ assert }) => {
    for (const error of [
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('40001', 'could not serialize access'),
      pgError('22P02', 'invalid input syntax for type bigint'),
      pgError('SRL01', 'insufficient funds'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      null,
      'a string',
    ]) {
      assert.isFalse(isDatabaseUnavailable(error))
      assert.strictEqual(asDatabaseUnavailable(error), error)
    }
  })
})
