import logger from '@adonisjs/core/services/logger'
import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  timeout,
} from 'cockatiel'
import outboundConfig from '#config/outbound'
import OutboundTimeoutException from '#exceptions/outbound_timeout_exception'
import OutboundUnavailableException from '#exceptions/outbound_unavailable_exception'

/** The name the queue's handlers know it by */
export { default as OutboundUnavailableError } from '#exceptions/outbound_unavailable_exception'

/**
 * Outbound calls (SMTP, partner webhooks, an external KMS) behind a circuit
 * breaker per destination (ARCHITECTURE §7), with cockatiel:
 *
 * - a destination is a stable key: `smtp:<host>:<port>`,
 *   `webhook:https://partner.example`;
 * - closed: calls go through, each cut off after OUTBOUND_TIMEOUT_MS
 *   (OutboundTimeoutException); OUTBOUND_BREAKER_FAILURES consecutive
 *   failures (errors or timeouts) open the circuit;
 * - open: every call fails at once with OutboundUnavailableException
 *   (destination + retryAt) without touching the destination, so a queue
 *   job fails fast and pg-boss retries it later with backoff: no pile of
 *   retries against a server that is down, no request or worker waiting;
 * - after OUTBOUND_BREAKER_HALF_OPEN_MS one trial call goes through
 *   (half-open); success closes the circuit, failure opens it again for
 *   another delay. Calls arriving while the trial runs fail at once too.
 *
 * State is per process: each web and worker process keeps its own breakers
 * (nothing shared in PostgreSQL). That is intended: a process learns on its
 * own within OUTBOUND_BREAKER_FAILURES calls, and the cost of a second
 * process probing a dead server is a handful of calls, not a pile-up.
 *
 * The caller throws only for what means "the destination is failing"
 * (connection refused, 5xx, timeout); a refusal that is the caller's own
 * fault (a 4xx to a webhook) should be returned as a result, not thrown,
 * or it would open the circuit for everybody.
 */

export type OutboundState = 'closed' | 'open' | 'half_open' | 'isolated'

export interface OutboundBreakerState {
  destination: string
  state: OutboundState
  /** Consecutive failures counted by the breaker (reset by a success) */
  failures: number
  /** When the circuit last opened (null while closed) */
  openedAt: Date | null
  /** When an open circuit lets a trial call through (null unless open) */
  retryAt: Date | null
}

interface Entry {
  policy: CircuitBreakerPolicy
  counter: ConsecutiveBreaker
  halfOpenAfterMs: number
  failuresToOpen: number
  openedAt: Date | null
}

const STATE_NAMES: Record<CircuitState, OutboundState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
}

const breakers = new Map<string, Entry>()

function build(destination: string): Entry {
  const failuresToOpen = outboundConfig.breakerFailures
  const halfOpenAfterMs = outboundConfig.halfOpenAfterMs
  const counter = new ConsecutiveBreaker(failuresToOpen)
  const policy = circuitBreaker(handleAll, { halfOpenAfter: halfOpenAfterMs, breaker: counter })
  const entry: Entry = { policy, counter, halfOpenAfterMs, failuresToOpen, openedAt: null }
  policy.onBreak(() => {
    entry.openedAt = new Date()
    logger.warn({ destination, failures: counter.state, halfOpenAfterMs }, 'outbound circuit opened')
  })
  policy.onReset(() => {
    entry.openedAt = null
    logger.info({ destination }, 'outbound circuit closed')
  })
  return entry
}

/**
 * The breaker of a destination, built on first use from the current
 * settings; a closed breaker with no failures counted is rebuilt when the
 * settings changed since (so a changed environment applies without losing
 * an open circuit).
 */
function breakerOf(destination: string): Entry {
  const current = breakers.get(destination)
  const unchanged =
    current?.failuresToOpen === outboundConfig.breakerFailures &&
    current?.halfOpenAfterMs === outboundConfig.halfOpenAfterMs
  if (current && (unchanged || current.policy.state !== CircuitState.Closed || current.counter.state !== 0)) {
    return current
  }
  const entry = build(destination)
  breakers.set(destination, entry)
  return entry
}

function unavailable(destination: string, entry: Entry): OutboundUnavailableException {
  const fallback = Date.now() + outboundConfig.timeoutMs
  const retryAt = entry.openedAt && entry.policy.state === CircuitState.Open
    ? entry.openedAt.getTime() + entry.halfOpenAfterMs
    : fallback
  return new OutboundUnavailableException(destination, new Date(Math.max(retryAt, Date.now())))
}

/**
 * Runs one outbound call to `destination` through its breaker and the
 * per-call timeout. `call` gets an AbortSignal that fires on timeout (pass
 * it to fetch; SMTP is abandoned instead).
 *
 * Throws: OutboundUnavailableException (circuit open or a trial call in
 * flight, nothing attempted), OutboundTimeoutException (no answer in
 * time), or whatever `call` threw.
 */
export async function callOutbound<T>(destination: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const entry = breakerOf(destination)
  /* cockatiel makes callers wait for the half-open trial's outcome: refuse them at once instead */
  if (entry.policy.state === CircuitState.HalfOpen) throw unavailable(destination, entry)
  const timeoutMs = outboundConfig.timeoutMs
  const limit = timeout(timeoutMs, TimeoutStrategy.Aggressive)
  try {
    return await entry.policy.execute(() => limit.execute((_context, signal) => call(signal)))
  } catch (error) {
    if (error instanceof BrokenCircuitError) throw unavailable(destination, entry)
    if (error instanceof TaskCancelledError) throw new OutboundTimeoutException(destination, timeoutMs)
    throw error
  }
}

/** Every destination's breaker in this process, for the queue admin page */
export function outboundStates(): OutboundBreakerState[] {
  return [...breakers.entries()]
    .map(([destination, entry]) => {
      const state = STATE_NAMES[entry.policy.state]
      const openedAt = state === 'closed' ? null : entry.openedAt
      return {
        destination,
        state,
        failures: entry.counter.state,
        openedAt,
        retryAt: state === 'open' && openedAt ? new Date(openedAt.getTime() + entry.halfOpenAfterMs) : null,
      }
    })
    .sort((a, b) => a.destination.localeCompare(b.destination))
}

/** Forgets every breaker of this process (tests) */
export function resetOutboundBreakers() {
  breakers.clear()
}
