import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import env from '#start/env'
import OverloadedException from '#exceptions/overloaded_exception'
import { httpRequestsShed } from '#services/metrics/metrics'
import {
  DEFAULT_MAX_EVENT_LOOP_DELAY_MS,
  DEFAULT_MAX_IN_FLIGHT,
  admit,
  eventLoopDelayMs,
  overloadReason,
  requestsInFlight,
  type OverloadLimits,
} from '#services/http/overload_guard'

/** Probes and scrapes are never refused nor counted: an overloaded process must stay observable and alive to Kubernetes */
const EXEMPT_PATHS = new Set(['/health/live', '/health/ready', '/metrics'])

/*
 * The event-loop check is off by default under NODE_ENV=test: there the
 * test code shares the server's loop, and its own synchronous steps
 * (initdb, key generation) would refuse the next request.
 */
const limits: OverloadLimits = {
  maxInFlight: env.get('HTTP_MAX_IN_FLIGHT') ?? DEFAULT_MAX_IN_FLIGHT,
  maxEventLoopDelayMs:
    env.get('HTTP_MAX_EVENT_LOOP_DELAY_MS') ?? (env.get('NODE_ENV') === 'test' ? 0 : DEFAULT_MAX_EVENT_LOOP_DELAY_MS),
}

/* both series exist from the web process's first request (a scrape included), at 0: rate() and the dashboard need them before the first refusal */
for (const reason of ['in_flight', 'event_loop'] as const) httpRequestsShed.inc({ reason }, 0)

/**
 * Load shedding (start/kernel.ts, after the request id, the access log and
 * the security headers, so a refusal carries the id, has its log line and
 * the same nosniff/no-store headers as any answer): a request
 * that would push this process past HTTP_MAX_IN_FLIGHT, or that arrives
 * while the event loop lags past HTTP_MAX_EVENT_LOOP_DELAY_MS, is refused
 * at once with 503 E_OVERLOADED and Retry-After, before routing, body
 * parsing, authentication or any query. Admitted requests count until
 * their handler (and the error handler) has finished.
 */
export default class OverloadMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (EXEMPT_PATHS.has(ctx.request.url())) return next()

    const reading = { inFlight: requestsInFlight(), eventLoopDelayMs: limits.maxEventLoopDelayMs > 0 ? eventLoopDelayMs() : 0 }
    const reason = overloadReason(reading, limits)
    if (reason) {
      httpRequestsShed.inc({ reason })
      throw new OverloadedException(reason)
    }

    const release = admit()
    try {
      return await next()
    } finally {
      release()
    }
  }
}
