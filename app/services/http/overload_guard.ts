/**
 * Load shedding of one web process (app/middleware/overload_middleware.ts).
 * Two signals, either one refuses a request with 503 E_OVERLOADED:
 *
 * - requests in flight in this process (admitted and not yet answered)
 *   already at HTTP_MAX_IN_FLIGHT: past the knee, more concurrency only
 *   lengthens the queue on the database pool, so the excess is refused at
 *   once instead of waiting until DB_ACQUIRE_TIMEOUT_MS;
 * - the event loop stalled longer than HTTP_MAX_EVENT_LOOP_DELAY_MS in the
 *   last sampling window: the process cannot even read its sockets in
 *   time (CPU saturated, a long synchronous task).
 *
 * Module state, not a container binding: the count is per process, like
 * the pool it protects (each WEB_CONCURRENCY worker has its own).
 */

export type OverloadReason = 'in_flight' | 'event_loop'

export interface OverloadLimits {
  /** At most this many requests in flight; 0 turns the check off */
  maxInFlight: number
  /** Refuse while the loop's recent delay is above this (ms); 0 turns the check off */
  maxEventLoopDelayMs: number
}

/**
 * Defaults. 256 in flight: at the 430-650 transfers/s one web process does
 * on 2 cores (issue 14's stress ramp), a queue of 256 is about half a
 * second, well inside DB_ACQUIRE_TIMEOUT_MS (5 s), and twice the 128
 * connections where throughput stopped growing, so an ordinary peak is
 * never refused. 1000 ms of
 * loop delay: GC pauses and ordinary bursts stay far below it.
 */
export const DEFAULT_MAX_IN_FLIGHT = 256
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 1000

/** Seconds a refused client waits before trying again (Retry-After) */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1

/** Why a request must be refused now, or null to admit it (pure: the middleware supplies the readings) */
export function overloadReason(
  reading: { inFlight: number; eventLoopDelayMs: number },
  limits: OverloadLimits
): OverloadReason | null {
  if (limits.maxInFlight > 0 && reading.inFlight >= limits.maxInFlight) return 'in_flight'
  if (limits.maxEventLoopDelayMs > 0 && reading.eventLoopDelayMs > limits.maxEventLoopDelayMs) return 'event_loop'
  return null
}

/**
 * The event loop's recent delay: a timer asks to run every `resolutionMs`,
 * and how late it runs is the delay (a stall of the loop makes it late by
 * the stall). delayMs() is the longest delay of the last full window of
 * `windowMs`, of the current one, and of the stall that is just ending
 * (the timer has not run yet): a request that arrives right after a stall
 * sees it at once.
 *
 * Why not node:perf_hooks monitorEventLoopDelay: its histogram must be
 * reset to give a window's reading, and it drops the first delay after a
 * reset (measured: a 400 ms stall that began right after a reset read as
 * nothing); it cannot see a stall that just ended either. One timer per
 * 20 ms costs about a microsecond of it.
 *
 * The longest delay, not the mean: one 800 ms stall among forty 20 ms
 * ticks has a mean of 40 ms, yet every request that arrived during it
 * waited up to 800 ms.
 */
export class EventLoopDelaySampler {
  #timer: NodeJS.Timeout | null = null
  #expected = 0
  #windowEnds = 0
  #windowMaxMs = 0
  #lastWindowMaxMs = 0

  constructor(
    readonly windowMs = 500,
    readonly resolutionMs = 20
  ) {}

  start(): this {
    if (this.#timer) return this
    const now = performance.now()
    this.#windowEnds = now + this.windowMs
    this.#schedule(now)
    return this
  }

  stop() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  /** Milliseconds: the longest delay of the last full window, of the current one, or right now */
  delayMs(): number {
    const current = this.#timer ? Math.max(0, performance.now() - this.#expected) : 0
    return Math.max(this.#lastWindowMaxMs, this.#windowMaxMs, current)
  }

  #schedule(now: number) {
    this.#expected = now + this.resolutionMs
    /* unref: the sampler never keeps a process alive */
    this.#timer = setTimeout(() => this.#tick(), this.resolutionMs).unref()
  }

  #tick() {
    const now = performance.now()
    const delay = Math.max(0, now - this.#expected)
    if (now >= this.#windowEnds) {
      /* a stall that ran past the window's end belongs to the window that ends now */
      this.#lastWindowMaxMs = Math.max(this.#windowMaxMs, delay)
      this.#windowMaxMs = 0
      this.#windowEnds = now + this.windowMs
    } else {
      this.#windowMaxMs = Math.max(this.#windowMaxMs, delay)
    }
    this.#schedule(now)
  }
}

let inFlight = 0
let sampler: EventLoopDelaySampler | null = null

/** Requests admitted by this process and not answered yet */
export function requestsInFlight(): number {
  return inFlight
}

/** The process's sampler, started on first use */
export function eventLoopDelayMs(): number {
  sampler ??= new EventLoopDelaySampler().start()
  return sampler.delayMs()
}

/** Counts a request in; the returned function counts it out (call it once, when it is answered) */
export function admit(): () => void {
  inFlight++
  let released = false
  return () => {
    if (released) return
    released = true
    inFlight--
  }
}
