import { test } from '@japa/runner'
import { TokenCache, parseRevocation } from '#services/auth/token_cache'

const HOUR = 3600_000
const row = (tokenId: number, customerId: number) => ({ token_id: tokenId, tokenable_id: customerId, hash: `h${tokenId}` })
const later = () => new Date(Date.now() + HOUR)

function liveCache(options: { ttlMs?: number; max?: number } = {}) {
  const cache = new TokenCache({ ttlMs: options.ttlMs ?? 30_000, max: options.max ?? 100 })
  cache.setLive(true)
  return cache
}

test.group('Token cache', () => {
  test('serves a stored row by token id', ({ assert }) => {
    const cache = liveCache()
    assert.isTrue(cache.store(cache.ticket(), '1', row(1, 7), later()))
    assert.equal(cache.get('1')?.hash, 'h1')
    assert.isUndefined(cache.get('2'))
  })

  test('serves and stores nothing while the revocation feed is not listening, and forgets everything when it drops or comes back', ({ assert }) => {
    const cache = new TokenCache({ ttlMs: 30_000, max: 100 })
    assert.isNull(cache.ticket())
    assert.isFalse(cache.store(0, '1', row(1, 7), later()))

    cache.setLive(true)
    cache.store(cache.ticket(), '1', row(1, 7), later())
    cache.setLive(false)
    assert.isUndefined(cache.get('1'))
    cache.setLive(true)
    assert.isUndefined(cache.get('1'), 'notifications may have been missed while down')
    assert.equal(cache.size, 0)
  })

  test('is off with a time to live of 0', ({ assert }) => {
    const cache = liveCache({ ttlMs: 0 })
    assert.isFalse(cache.enabled)
    assert.isNull(cache.ticket())
    assert.isFalse(cache.store(0, '1', row(1, 7), later()))
  })

  test('refuses a read that started before a revocation (the notification came first)', ({ assert }) => {
    const cache = liveCache()
    const ticket = cache.ticket()
    cache.revoke('token:1')
    assert.isFalse(cache.store(ticket, '1', row(1, 7), later()))
    assert.isUndefined(cache.get('1'))
    assert.isTrue(cache.store(cache.ticket(), '1', row(1, 7), later()))
  })

  test('refuses a read that started before the feed was lost and found again', ({ assert }) => {
    const cache = liveCache()
    const ticket = cache.ticket()
    cache.setLive(false)
    cache.setLive(true)
    assert.isFalse(cache.store(ticket, '1', row(1, 7), later()))
  })

  test('drops one token, every token of a customer, or everything', ({ assert }) => {
    const cache = liveCache()
    for (const [tokenId, customerId] of [[1, 7], [2, 7], [3, 8], [4, 9]]) {
      cache.store(cache.ticket(), String(tokenId), row(tokenId, customerId), later())
    }
    cache.revoke('token:3')
    assert.deepEqual(['1', '2', '3', '4'].map((id) => cache.get(id) !== undefined), [true, true, false, true])
    cache.revoke('customer:7')
    assert.deepEqual(['1', '2', '3', '4'].map((id) => cache.get(id) !== undefined), [false, false, false, true])
    cache.revoke('*')
    assert.equal(cache.size, 0)
  })

  test('reads an unknown or malformed notification as "drop everything"', ({ assert }) => {
    assert.deepEqual(parseRevocation('token:12'), { kind: 'token', id: '12' })
    assert.deepEqual(parseRevocation('customer:5'), { kind: 'customer', id: '5' })
    for (const payload of ['*', '', undefined, 'token:', 'token:abc', 'account:1', 'customer:1:2x']) {
      assert.deepEqual(parseRevocation(payload), { kind: 'all' }, String(payload))
    }
    const cache = liveCache()
    cache.store(cache.ticket(), '1', row(1, 7), later())
    cache.revoke('session:1')
    assert.isUndefined(cache.get('1'))
  })

  test('keeps an entry no longer than its time to live nor past the token expiry', async ({ assert }) => {
    const cache = liveCache({ ttlMs: 80 })
    cache.store(cache.ticket(), '1', row(1, 7), later())
    cache.store(cache.ticket(), '2', row(2, 7), new Date(Date.now() + 30))
    assert.isFalse(cache.store(cache.ticket(), '3', row(3, 7), new Date(Date.now() - 1)), 'already expired')
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.isDefined(cache.get('1'))
    assert.isUndefined(cache.get('2'), 'expired token')
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.isUndefined(cache.get('1'), 'time to live')
  })

  test('is bounded: the least recently used entry goes first', ({ assert }) => {
    const cache = liveCache({ max: 2 })
    cache.store(cache.ticket(), '1', row(1, 7), later())
    cache.store(cache.ticket(), '2', row(2, 7), later())
    cache.get('1')
    cache.store(cache.ticket(), '3', row(3, 7), later())
    assert.equal(cache.size, 2)
    assert.isDefined(cache.get('1'))
    assert.isUndefined(cache.get('2'))
  })

  test('stores a copy that callers cannot change, and updates a field without extending its life', ({ assert }) => {
    const cache = liveCache()
    const original = row(1, 7)
    cache.store(cache.ticket(), '1', original, later())
    original.hash = 'changed'
    assert.equal(cache.get('1')?.hash, 'h1')
    assert.throws(() => ((cache.get('1') as any).hash = 'x'))
    cache.update('1', 'last_used_at', 'now')
    assert.equal(cache.get('1')?.last_used_at, 'now')
    cache.update('9', 'last_used_at', 'now')
    assert.isUndefined(cache.get('9'))
  })
})
