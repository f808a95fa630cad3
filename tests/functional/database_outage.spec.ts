import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { readinessChecks } from '#start/health'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import { DatabaseProxy, databaseTarget, withDatabaseThrough } from '#tests/helpers/database_proxy'

/**
 * PostgreSQL down or unreachable: played by a TCP proxy in front of the test
 * database (tests/helpers/database_proxy.ts), the shared server is never
 * stopped. The app must answer 503 problem+json within seconds, never 500
 * and never hang, and recover by itself when the server is back.
 */
async function payer() {
  const me = await createApiCustomer()
  const payee = await createApiCustomer()
  const from = await openAccount(me.id, { fund: '100.00' })
  const to = await openAccount(payee.id)
  return { from, to, token: await tokenFor(me.id) }
}

const transfer = (from: { id: number }, to: { id: number }) => ({
  debtorAccountId: String(from.id),
  creditor: { accountId: String(to.id) },
  amount: { amount: '1.25', currency: 'GBP' },
  reference: 'Outage',
})

async function balance(accountId: number) {
  return String((await db.from('accounts').where('id', accountId).firstOrFail()).balance)
}

test.group('PostgreSQL outage', (group) => {
  group.each.teardown(() => {
    readinessChecks.register([new DbCheck(db.connection())])
  })

  test('answers 503 E_DATABASE_UNAVAILABLE with Retry-After while PostgreSQL is down, then recovers by itself', async ({ client, assert }) => {
    const { from, to, token } = await payer()
    const proxy = new DatabaseProxy(databaseTarget())
    await proxy.start()
    try {
      await withDatabaseThrough(proxy, async () => {
        readinessChecks.register([new DbCheck(db.connection())])
        const post = (key: string) =>
          client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(transfer(from, to))
        ;(await post(randomUUID())).assertStatus(201)

        await proxy.stop()
        const key = randomUUID()
        const started = Date.now()
        const refused = await post(key)
        assert.isBelow(Date.now() - started, 5000)
        assertProblem(assert, refused, 503, 'E_DATABASE_UNAVAILABLE')
        assert.equal(refused.header('retry-after'), '1')
        assert.notInclude(JSON.stringify(refused.body()), 'ECONNREFUSED')
        assertProblem(assert, await client.get('/api/v1/accounts').bearerToken(token), 503, 'E_DATABASE_UNAVAILABLE')
        assertProblem(assert, await client.get('/health/ready'), 503, 'E_NOT_READY')

        await proxy.start()
        const retried = await post(key)
        retried.assertStatus(201)
        assert.isUndefined(retried.header('idempotent-replayed'))
        ;(await client.get('/health/ready')).assertStatus(200)
      })
    } finally {
      await proxy.stop()
    }
    assert.equal(await balance(from.id), String(10000 - 2 * 125))
    assert.equal(await balance(to.id), String(2 * 125))
  }).timeout(20_000)

  test('answers 503 within seconds, not after minutes, when PostgreSQL accepts connections but never answers', async ({ client, assert }) => {
    const { from, to, token } = await payer()
    const proxy = new DatabaseProxy(databaseTarget())
    proxy.hang = true
    await proxy.start()
    try {
      await withDatabaseThrough(proxy, async () => {
        readinessChecks.register([new DbCheck(db.connection())])
        let started = Date.now()
        const response = await client
          .post('/api/v1/transfers')
          .bearerToken(token)
          .header('Idempotency-Key', randomUUID())
          .json(transfer(from, to))
        assert.isBelow(Date.now() - started, 8000)
        assertProblem(assert, response, 503, 'E_DATABASE_UNAVAILABLE')

        started = Date.now()
        assertProblem(assert, await client.get('/health/ready'), 503, 'E_NOT_READY')
        assert.isBelow(Date.now() - started, 8000)
      })
    } finally {
      await proxy.stop()
    }
    assert.equal(await balance(from.id), '10000')
  }).timeout(30_000)
})
