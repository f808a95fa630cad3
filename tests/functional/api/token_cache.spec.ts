import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import { databaseLocation } from '#config/database'
import { createApiCustomer, tokenFor } from '#tests/helpers/api'
import { type AppInstance, startAppInstance } from '#tests/helpers/app_instance'
import { metricValue } from '#tests/functional/operations/metrics_text'
import { TOKEN_PREFIX } from '#actions/auth/issue_customer_token'
import { customerTokenCache } from '#services/auth/customer_token_cache'
import { TokenCache } from '#services/auth/token_cache'
import { TokenRevocationFeed } from '#services/auth/token_revocation_feed'
import { tokenCacheChecks } from '#services/metrics/metrics'

/**
 * The bearer-token cache (AUTH_TOKEN_CACHE_SECONDS, default 30 here):
 * a token is served from memory after its first use, and every way of
 * revoking it (sign-out through the API, a DELETE by SQL on another
 * connection, the customer closed, the expiry shortened) reaches the cache
 * through LISTEN/NOTIFY: the token is refused within a second, in this
 * process and in another instance. Each test first proves the token was
 * being served from memory, so a broken broadcast would keep it working
 * for the cache's full 30 s (or 300 s on the instances) and fail the test.
 */
const WITHIN_MS = 1000
const POLL_MS = 50

const tokenId = (token: string) => AccessToken.decode(TOKEN_PREFIX, token)!.identifier

/** As the owner, on a connection of its own (neither the app's pool nor its LISTEN connection) */
async function onOtherConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, user, password, database } = databaseLocation.owner
  const client = new pg.Client({ host, port, user, password, database })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Milliseconds until `status()` answers 401, polling every 50 ms; fails the test past 3 s */
async function msUntilRefused(status: () => Promise<number>): Promise<number> {
  const start = performance.now()
  for (;;) {
    const answered = await status()
    const elapsed = performance.now() - start
    if (answered === 401) return elapsed
    if (answered !== 200) throw new Error(`unexpected status ${answered}`)
    if (elapsed > 3000) throw new Error('the revoked token was still accepted after 3 s')
    await sleep(POLL_MS)
  }
}

async function hits() {
  return (await tokenCacheChecks.get()).values.find((value) => value.labels.outcome === 'hit')?.value ?? 0
}

test.group('Token cache: this process', (group) => {
  group.setup(async () => {
    await customerTokenCache().feed!.waitUntilListening(10_000)
  })

  /** A customer's token, used twice so that it is in the cache (asserted) */
  async function cachedToken(client: any, assert: any) {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    const before = await hits()
    ;(await client.get('/api/v1/accounts').bearerToken(token)).assertStatus(200)
    ;(await client.get('/api/v1/accounts').bearerToken(token)).assertStatus(200)
    assert.equal((await hits()) - before, 1, 'the second request was served from memory')
    assert.isDefined(customerTokenCache().cache.get(tokenId(token)))
    const status = async () => (await client.get('/api/v1/accounts').bearerToken(token)).status()
    return { customer, token, status }
  }

  test('serves a token from memory after its first use, the customer with it', async ({ client, assert }) => {
    const { token } = await cachedToken(client, assert)
    const response = await client.get('/api/v1/accounts').bearerToken(token)
    response.assertStatus(200)
    assert.isArray(response.body().data)
  })

  test('a token deleted by SQL on another connection is refused within a second', async ({ client, assert }) => {
    const { token, status } = await cachedToken(client, assert)
    await onOtherConnection((other) => other.query('delete from customer_access_tokens where id = $1', [tokenId(token)]))
    assert.isBelow(await msUntilRefused(status), WITHIN_MS)
  })

  test('a token revoked through DELETE /api/v1/auth/tokens/current is refused within a second', async ({ client, assert }) => {
    const { token, status } = await cachedToken(client, assert)
    ;(await client.delete('/api/v1/auth/tokens/current').bearerToken(token)).assertStatus(204)
    assert.isBelow(await msUntilRefused(status), WITHIN_MS)
  })

  test("a closed customer's cached tokens are refused within a second", async ({ client, assert }) => {
    const { customer, status } = await cachedToken(client, assert)
    await onOtherConnection((other) => other.query("update customers set status = 'closed' where id = $1", [customer.id]))
    assert.isBelow(await msUntilRefused(status), WITHIN_MS)
  })

  test('a token whose expiry is brought forward is refused within a second', async ({ client, assert }) => {
    const { token, status } = await cachedToken(client, assert)
    await onOtherConnection((other) =>
      other.query("update customer_access_tokens set expires_at = now() - interval '1 second' where id = $1", [tokenId(token)])
    )
    assert.isBelow(await msUntilRefused(status), WITHIN_MS)
  })

  test('under concurrent requests a revoked token is refused within a second and never accepted again', async ({ client, assert }) => {
    const { customer, token } = await cachedToken(client, assert)
    const answers: Array<{ startedAt: number; status: number }> = []
    let revokedAt = Infinity
    const until = performance.now() + 2500
    const loop = async () => {
      while (performance.now() < until) {
        const startedAt = performance.now()
        answers.push({ startedAt, status: (await client.get('/api/v1/accounts').bearerToken(token)).status() })
      }
    }
    const revoke = async () => {
      await sleep(400)
      /* the customer changes (every token dropped) and then the token goes, each committed on its own */
      await onOtherConnection(async (other) => {
        await other.query("update customers set kyc_status = kyc_status, updated_at = now() where id = $1", [customer.id])
        await other.query('delete from customer_access_tokens where id = $1', [tokenId(token)])
      })
      revokedAt = performance.now()
    }
    await Promise.all([loop(), loop(), loop(), loop(), revoke()])
    assert.isAbove(answers.filter((a) => a.status === 200).length, 0)
    assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [200, 401])
    const lateAccepts = answers.filter((a) => a.status === 200 && a.startedAt > revokedAt + WITHIN_MS)
    assert.deepEqual(lateAccepts, [], 'accepted more than a second after the revocation')
    const firstRefusal = answers.findIndex((a) => a.status === 401)
    assert.deepEqual(answers.slice(firstRefusal + 8).filter((a) => a.status === 200), [], 'accepted again after being refused')
  })

  test('refuses a wrong secret for a cached token id, and still accepts the right one', async ({ client, assert }) => {
    const { token } = await cachedToken(client, assert)
    const secret = token.split('.').at(-1)!
    const wrong = token.slice(0, -secret.length) + (secret[0] === 'a' ? 'b' : 'a') + secret.slice(1)
    assert.equal(tokenId(wrong), tokenId(token))
    const response = await client.get('/api/v1/accounts').bearerToken(wrong)
    response.assertStatus(401)
    assert.equal(response.body().code, 'E_UNAUTHORIZED')
    ;(await client.get('/api/v1/accounts').bearerToken(token)).assertStatus(200)
  })

  test('changes the token check does not read (last use, the one-time-code replay guard) keep the token in memory', async ({ client, assert }) => {
    const { customer, token, status } = await cachedToken(client, assert)
    await onOtherConnection(async (other) => {
      await other.query('update customer_access_tokens set last_used_at = now() where id = $1', [tokenId(token)])
      await other.query('update customers set totp_last_time_step = coalesce(totp_last_time_step, 0) + 1 where id = $1', [customer.id])
    })
    await sleep(300)
    const before = await hits()
    assert.equal(await status(), 200)
    assert.equal((await hits()) - before, 1, 'still served from memory')
  })

  test('without a notification a deleted token stays served from memory (what the broadcast is for)', async ({ client, assert }) => {
    const { token, status } = await cachedToken(client, assert)
    const id = tokenId(token)
    await onOtherConnection(async (other) => {
      await other.query('begin')
      await other.query('alter table customer_access_tokens disable trigger customer_access_tokens_revoked')
      await other.query('delete from customer_access_tokens where id = $1', [id])
      await other.query('alter table customer_access_tokens enable trigger customer_access_tokens_revoked')
      await other.query('commit')
    })
    await sleep(300)
    assert.equal(await status(), 200, 'served from memory: the row is gone and nothing said so')
    await onOtherConnection((other) => other.query(`select pg_notify('strongroom_token_revoked', $1)`, [`token:${id}`]))
    assert.isBelow(await msUntilRefused(status), WITHIN_MS)
  })

  test('after losing its LISTEN connection the process reconnects and starts with an empty cache', async ({ client, assert }) => {
    const { token } = await cachedToken(client, assert)
    const feed = customerTokenCache().feed!
    const pid = feed.backendPid
    await onOtherConnection((other) => other.query('select pg_terminate_backend($1)', [pid]))
    for (let i = 0; i < 200 && (feed.backendPid === pid || !feed.listening); i++) await sleep(25)
    assert.isTrue(feed.listening, 'reconnected')
    assert.notEqual(feed.backendPid, pid)
    assert.isUndefined(customerTokenCache().cache.get(tokenId(token)), 'notifications may have been missed: nothing kept')
    const before = await hits()
    ;(await client.get('/api/v1/accounts').bearerToken(token)).assertStatus(200)
    assert.equal(await hits(), before, 'read from the database')
  })
})

test.group('Token cache: the revocation feed', () => {
  test('serves nothing until it listens, nothing once the connection is lost, and nothing from before when it is back', async ({ assert }) => {
    const cache = new TokenCache({ ttlMs: 30_000, max: 10 })
    const changes: boolean[] = []
    const feed = new TokenRevocationFeed(cache, { endpoint: databaseLocation, minBackoffMs: 50, onLiveChange: (live) => changes.push(live) })
    const row = { token_id: 1, tokenable_id: 1, hash: 'h' }
    const later = new Date(Date.now() + 60_000)
    try {
      assert.isNull(cache.ticket(), 'not listening yet')
      feed.start()
      await feed.waitUntilListening()
      assert.isTrue(cache.store(cache.ticket(), '1', row, later))
      await onOtherConnection((other) => other.query('select pg_terminate_backend($1)', [feed.backendPid]))
      for (let i = 0; i < 100 && changes.length < 2; i++) await sleep(10)
      assert.deepEqual(changes.slice(0, 2), [true, false])
      assert.isUndefined(cache.get('1'))
      await feed.waitUntilListening()
      assert.deepEqual(changes, [true, false, true])
      assert.isUndefined(cache.get('1'))
    } finally {
      await feed.stop()
    }
    assert.isFalse(feed.listening)
    assert.isNull(cache.ticket())
  })

  test('never listens, so never serves, when the database cannot be reached', async ({ assert }) => {
    const cache = new TokenCache({ ttlMs: 30_000, max: 10 })
    const feed = new TokenRevocationFeed(cache, { endpoint: { ...databaseLocation, port: 1 }, minBackoffMs: 20, maxBackoffMs: 50 })
    feed.start()
    await sleep(300)
    assert.isFalse(feed.listening)
    assert.isNull(cache.ticket())
    await feed.stop()
  })
})

test.group('Token cache: two instances', (group) => {
  let first: AppInstance | undefined
  let second: AppInstance | undefined
  group.setup(async () => {
    /* a long time to live: only the broadcast can make the other instance refuse within a second */
    const env = { AUTH_TOKEN_CACHE_SECONDS: '300', LOG_LEVEL: 'warn' }
    try {
      ;[first, second] = await Promise.all([startAppInstance(env), startAppInstance(env)])
    } catch (error) {
      await Promise.all([first?.stop(), second?.stop()])
      throw error
    }
    return async () => {
      await Promise.all([first?.stop(), second?.stop()])
    }
  })
  group.each.timeout(60_000)

  const get = (instance: AppInstance, token: string) =>
    fetch(`${instance.url}/api/v1/accounts`, { headers: { Authorization: `Bearer ${token}` } })
  const instanceHits = async (instance: AppInstance) =>
    metricValue(await (await fetch(`${instance.url}/metrics`)).text(), 'strongroom_auth_token_cache_total', { outcome: 'hit' }) ?? 0

  /** Uses the token on the instance until a request is served from its memory (its feed connects on first use) */
  async function warm(instance: AppInstance, token: string) {
    const before = await instanceHits(instance)
    for (let i = 0; i < 40; i++) {
      assert200((await get(instance, token)).status)
      if ((await instanceHits(instance)) > before) return
      await sleep(50)
    }
    throw new Error(`${instance.url} never served the token from memory`)
  }
  const assert200 = (status: number) => {
    if (status !== 200) throw new Error(`expected 200, got ${status}`)
  }

  test('a token revoked through one instance is refused by the other within a second', async ({ assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    await warm(first!, token)
    await warm(second!, token)

    const revoke = await fetch(`${first!.url}/api/v1/auth/tokens/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })
    assert.equal(revoke.status, 204)
    assert.isBelow(await msUntilRefused(async () => (await get(second!, token)).status), WITHIN_MS)
    assert.equal((await get(first!, token)).status, 401)
  })

  test("a customer closed on another connection is refused by both instances within a second", async ({ assert }) => {
    const customer = await createApiCustomer()
    const token = await tokenFor(customer.id)
    await warm(first!, token)
    await warm(second!, token)

    await onOtherConnection((other) => other.query("update customers set status = 'closed' where id = $1", [customer.id]))
    const [a, b] = await Promise.all([
      msUntilRefused(async () => (await get(first!, token)).status),
      msUntilRefused(async () => (await get(second!, token)).status),
    ])
    assert.isBelow(a, WITHIN_MS)
    assert.isBelow(b, WITHIN_MS)
  })
})
