import logger from '@adonisjs/core/services/logger'
import type { Limiter } from '@adonisjs/limiter'

interface KeyState {
  /** Hits counted here and not yet written to the shared store */
  pending: number
  /** Consumed count across all instances, as last read from the shared store */
  shared: number
  /** When the shared window ends (ms epoch), 0 when unknown */
  resetAt: number
  lastFlush: number
  flushing: boolean
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number }

/**
 * A fixed-window request limit whose counters live in the shared limiter
 * store (PostgreSQL `rate_limits`), written in batches: each key is flushed
 * with one `increment(key, n)` at most every `flushMs`, off the request
 * path, and the answer (consumed by every instance, window reset) is
 * cached. A busy client therefore costs ~1/flushMs writes per second
 * instead of one write per request, and no hot row serialises requests.
 * The price: a burst may overshoot the limit by what one instance serves
 * in `flushMs`. For security limits (login) use the limiter directly.
 */
export class BufferedRateLimiter {
  #keys = new Map<string, KeyState>()

  constructor(
    private limiter: Limiter,
    readonly limit: number,
    private flushMs = 250
  ) {}

  hit(key: string, now = Date.now()): RateDecision {
    let state = this.#keys.get(key)
    if (!state) {
      if (this.#keys.size > 50_000) this.#prune(now)
      state = { pending: 0, shared: 0, resetAt: 0, lastFlush: 0, flushing: false }
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
    if (!state.flushing && now - state.lastFlush >= this.flushMs) this.#flush(key, state, now)
    return { allowed: true }
  }

  /** Writes every pending count now (tests, shutdown) */
  async flushAll(): Promise<void> {
    await Promise.all([...this.#keys].map(([key, state]) => this.#flush(key, state, Date.now())))
  }

  #flush(key: string, state: KeyState, now: number): Promise<void> {
    const amount = state.pending
    if (amount === 0) return Promise.resolve()
    state.pending = 0
    state.flushing = true
    state.lastFlush = now
    return this.limiter
      .increment(key, amount)
      .then((response) => {
        state.shared = response.consumed
        state.resetAt = Date.now() + response.availableIn * 1000
      })
      .catch((error) => logger.warn({ err: error, key }, 'rate limit counter not written'))
      .finally(() => {
        state.flushing = false
      })
  }

  #prune(now: number) {
    for (const [key, state] of this.#keys) {
      if (state.pending === 0 && !state.flushing && (!state.resetAt || state.resetAt <= now)) {
        this.#keys.delete(key)
      }
    }
  }
}
