import env from '#start/env'

/**
 * Outbound calls (SMTP now, partner webhooks next) behind a circuit breaker
 * per destination (ARCHITECTURE §7, app/services/outbound/). Read on every
 * use, not once at boot, so a changed environment (tests) applies: the
 * timeout to the next call, the breaker settings to the next breaker built.
 *
 * - OUTBOUND_BREAKER_FAILURES: consecutive failures that open a
 *   destination's circuit (default 5).
 * - OUTBOUND_BREAKER_HALF_OPEN_MS: how long an open circuit refuses calls
 *   before one trial call may go through (default 30000).
 * - OUTBOUND_TIMEOUT_MS: each call is abandoned after this long, and counts
 *   as a failure (default 10000).
 */
const positive = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback

const outboundConfig = {
  get breakerFailures(): number {
    return Math.floor(positive(env.get('OUTBOUND_BREAKER_FAILURES'), 5))
  },
  get halfOpenAfterMs(): number {
    return positive(env.get('OUTBOUND_BREAKER_HALF_OPEN_MS'), 30_000)
  },
  get timeoutMs(): number {
    return positive(env.get('OUTBOUND_TIMEOUT_MS'), 10_000)
  },
}

export default outboundConfig
