import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { httpRequestDuration, idempotentReplays } from '#services/metrics/metrics'

/** Route names whose replays are a partner's (the rest of /api/v1 is the customers' API) */
const PARTNER_ROUTE = /^api\.v1\.(domestic_payments|domestic_payment_consents|account_access_consents|event_subscriptions|events)\./

/**
 * strongroom_http_request_duration_seconds for every request, labelled
 * with the matched route's PATTERN (`/api/v1/transfers/:id`, never the raw
 * URL: bounded cardinality, no ids or tokens in labels) or "unmatched",
 * and the status the request ended with (errors rendered by the handler
 * included). Scrapes of /metrics are not counted. A response carrying
 * `Idempotent-Replayed: true` (answered from an idempotency record) counts
 * in strongroom_idempotent_replays_total, scope api or partner.
 */
export default class HttpMetricsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    try {
      await next()
    } finally {
      const route = ctx.route
      if (route?.name !== 'metrics') {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        const labels = { method: ctx.request.method(), route: route?.pattern ?? 'unmatched', status: String(ctx.response.getStatus()) }
        httpRequestDuration.observe(labels, seconds)
        if (String(ctx.response.getHeader('Idempotent-Replayed')) === 'true') {
          idempotentReplays.inc({ scope: PARTNER_ROUTE.test(route?.name ?? '') ? 'partner' : 'api' })
        }
      }
    }
  }
}
