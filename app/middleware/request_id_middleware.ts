import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { redactUrl } from '#services/logging/log_redaction'

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/**
 * X-Request-Id: a client value is kept when it is 1-64 of [A-Za-z0-9._-],
 * otherwise replaced by a fresh UUID (the framework echoes the request's
 * header on every response, errors included). `ctx.logger` is a child
 * logger bound to the id, so every line of the request carries it; one
 * JSON access line is written per request, its URL without secrets
 * (#services/logging/log_redaction: reset and invitation tokens).
 */
export default class RequestIdMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    const headers = ctx.request.request.headers
    const given = headers['x-request-id']
    if (typeof given !== 'string' || !VALID_REQUEST_ID.test(given)) {
      const id = randomUUID()
      headers['x-request-id'] = id
      ctx.logger = logger.child({ request_id: id })
    }

    try {
      await next()
    } finally {
      const status = ctx.response.getStatus()
      ctx.logger[status >= 500 ? 'error' : 'info'](
        {
          method: ctx.request.method(),
          url: redactUrl(ctx.request.url()),
          status,
          duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request completed'
      )
    }
  }
}
