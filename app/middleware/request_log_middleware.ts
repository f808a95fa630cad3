import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { redactUrl } from '#services/logging/log_redaction'
import { requestBindings } from '#services/logging/log_format'

/** Probes and scrapes, polled every few seconds: their lines are debug, not info */
const QUIET_ROUTES = new Set(['health.live', 'health.ready', 'metrics'])

/**
 * Probes and scrapes, and the files a server middleware answers without a
 * route (the Vite dev server's modules, the built assets: dozens per page
 * in development); an unmatched request that fails (404) stays at info.
 */
export function quietRequest(route: HttpContext['route'], status: number): boolean {
  return route ? QUIET_ROUTES.has(route.name ?? '') : status < 400
}

export interface RequestActor {
  actor_type: 'staff' | 'customer' | 'partner'
  actor_id: string | number
}

/**
 * Who made the request, as far as authentication got: the staff member
 * (session guard "web"), the customer (bearer token, guard "api") or the
 * partner fintech (DPoP token: its client id). Nothing for anonymous
 * requests and for requests refused before authentication.
 */
export function requestActor(ctx: HttpContext): RequestActor | null {
  const partner = ctx.partnerCaller?.partner
  if (partner) return { actor_type: 'partner', actor_id: partner.clientId }
  const user = ctx.auth?.user as { id?: number } | undefined
  if (user?.id === undefined) return null
  return { actor_type: ctx.auth.authenticatedViaGuard === 'api' ? 'customer' : 'staff', actor_id: user.id }
}

/**
 * The access log: one "request completed" line per request, written when
 * the response is final (errors rendered by the handler included): the
 * request id (bound to `ctx.logger` here, under the LOG_FORMAT's field
 * name), method, matched route PATTERN (`/api/v1/accounts/:id`, or null),
 * path (no query string) without its secrets, status, duration and the actor. Info level;
 * 5xx are errors; health probes, metrics scrapes and assets are debug. Runs right
 * after RequestIdMiddleware (start/kernel.ts), which settles the id.
 */
export default class RequestLogMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    ctx.logger = logger.child(requestBindings(ctx.request.id()!))
    try {
      await next()
    } finally {
      const status = ctx.response.getStatus()
      const route = ctx.route
      const level = status >= 500 ? 'error' : quietRequest(route, status) ? 'debug' : 'info'
      ctx.logger[level](
        {
          method: ctx.request.method(),
          route: route?.pattern ?? null,
          url: redactUrl(ctx.request.url()),
          status,
          duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
          ...requestActor(ctx),
        },
        'request completed'
      )
    }
  }
}
