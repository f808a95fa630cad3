import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/**
 * X-Request-Id: a client value is kept when it is 1-64 of [A-Za-z0-9._-],
 * otherwise replaced by a fresh UUID (the framework echoes the request's
 * header on every response, errors included). `ctx.logger` is a child
 * logger bound to the id, so every line of the request carries it; the
 * access line is written by RequestLogMiddleware.
 */
export default class RequestIdMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const headers = ctx.request.request.headers
    const given = headers['x-request-id']
    if (typeof given !== 'string' || !VALID_REQUEST_ID.test(given)) {
      const id = randomUUID()
      headers['x-request-id'] = id
      ctx.logger = logger.child({ request_id: id })
    }

    /* the access line is RequestLogMiddleware's, next in the server stack (route, actor, duration) */
    return next()
  }
}
