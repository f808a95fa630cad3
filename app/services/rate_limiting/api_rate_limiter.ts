import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { Limiter } from '@adonisjs/limiter'

interface KeyState {
  /** Hits counted here and not yet written to the shared store */
  pending: number
  /** Consumed count across all instances, as last read from the shared store */
  shared: number
  /** When the shared window ends (ms epoch), 0 when unknown */
  resetAt: number
}

/** The key prefix of @adonisjs/limiter's database store (rate-limiter-flexible) */
const KEY_PREFIX = 'rlflx:'

/** `remaining`: requests left in this window as this instance knows it; `resetIn`: seconds until it ends (0 unknown) */
export type RateDecision =
  | { allowed: true; remaining: number; resetIn: number }
  | { allowed: false; retryAfter: number }

/**
 * A fixed-window request limit whose counters live in the shared limiter
 * store (PostgreSQL `rate_limits`), written in batches off the request
 * path: every `flushMs` ONE statement writes all the keys touched since
 * the last flush, and its answer (consumed by every instance, window
 * reset) is cached. An instance therefore costs ~1/flushMs writes per
 * second however many clients it serves, instead of one write per
 * request, and no hot row serialises requests.
 * The price: a burst may overshoot the limit by what one instance serves
 * in `flushMs`. For security limits (login) use the limiter directly.
 */
export class BufferedRateLimiter {
  #keys = new Map<string, KeyState>()
  #dirty = new Set<string>()
  #flushing?: Promise<void>
  #lastFlush = 0
  #timer?: NodeJS.Timeout

  constructor(
    private limiter: Limiter,
    readonly limit: number,
    private flushMs = 250
  ) {}

  hit(key: string, now = Date.now()): RateDecision {
    let state = this.#keys.get(key)
    if (!state) {
      if (this.#keys.size > 50_000) this.#prune(now)
      state = { pending: 0, shared: 0, resetAt: 0 }
      this.#keys.set(key, state)
    }
    if (state.resetAt && now >= state.resetAt) {
      state.shared = 0
      state.resetAt = 0
    }
    if (state.shared + state.pending >= this.limit) {
      const retryAfter = state.resetAt ? Math.max(1, Math.ceil((state.resetAt - now) / 1000)) : 1
      return { allowed: false, retryAfter }
    }
    state.pending++
    this.#dirty.add(key)
    this.#schedule(now)
    const resetIn = state.resetAt ? Math.max(0, Math.ceil((state.resetAt - now) / 1000)) : 0
    return { allowed: true, remaining: this.limit - state.shared - state.pending, resetIn }
  }

  /** Writes every pending count now (tests, shutdown) */
  async flushAll(): Promise<void> {
    await this.#flushing
    await this.#flush()
  }

  /** At most one flush in flight and one every `flushMs` */
  #schedule(now: number) {
    if (this.#timer || this.#flushing) return
    const wait = Math.max(0, this.#lastFlush + this.flushMs - now)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#flushing = this.#flush().finally(() => {
        this.#flushing = undefined
        if (this.#dirty.size) this.#schedule(Date.now())
      })
    }, wait)
    this.#timer.unref()
  }

  /**
   * ONE statement for every key touched since the last flush: an upsert in
   * the limiter store's own format (rate-limiter-flexible's PostgreSQL
   * table: "rlflx:<key>", points, expire in ms), keys sorted so concurrent
   * instances cannot deadlock. The answer refreshes each key's shared count.
   */
  async #flush(): Promise<void> {
    this.#lastFlush = Date.now()
    const keys = [...this.#dirty].sort()
    this.#dirty.clear()
    const batch = keys
      .map((key) => ({ key, state: this.#keys.get(key)! }))
      .filter(({ state }) => state && state.pending > 0)
    if (batch.length === 0) return
    const amounts = batch.map(({ state }) => state.pending)
    batch.forEach(({ state }) => (state.pending = 0))
    const now = Date.now()
    try {
      const { rows } = await db.rawQuery(
        `insert into rate_limits as r (key, points, expire)
         select k, n, ?::bigint from jsonb_to_recordset(?::jsonb) as u(k text, n int)
         on conflict (key) do update set
           points = case when r.expire is null or r.expire <= ?::bigint then excluded.points else r.points + excluded.points end,
           expire = case when r.expire is null or r.expire <= ?::bigint then excluded.expire else r.expire end
         returning key, points, expire`,
        [
          now + this.limiter.duration * 1000,
          JSON.stringify(batch.map(({ key }, i) => ({ k: `${KEY_PREFIX}${key}`, n: amounts[i] }))),
          now,
          now,
        ]
      )
      for (const row of rows as Array<{ key: string; points: number; expire: string }>) {
        const state = this.#keys.get(row.key.slice(KEY_PREFIX.length))
        if (!state) continue
        state.shared = Number(row.points)
        state.resetAt = Number(row.expire)
      }
    } catch (error) {
      logger.warn({ err: error, keys: batch.length }, 'rate limit counters not written')
    }
  }

  #prune(now: number) {
    for (const [key, state] of this.#keys) {
      if (state.pending === 0 && (!state.resetAt || state.resetAt <= now)) {
        this.#keys.delete(key)
      }
    }
  }
}
