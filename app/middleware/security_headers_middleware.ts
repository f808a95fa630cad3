import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Browser features no Strongroom page uses: denied to every page and anything it embeds */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ')

/** Paths whose responses carry customer or staff data: never stored by a browser or proxy */
const NO_STORE_PREFIXES = ['/api', '/backoffice', '/health']

/**
 * Security headers of every response, set on the raw response before
 * anything else runs so that static files, framework errors (404, 413,
 * 415, CSRF) and the exception handler's pages carry them too:
 * Referrer-Policy `same-origin` (no URL, with its ids and tokens, leaks
 * to another site; our own pages still get the Referer that a form's
 * "back" redirect after a validation error needs), Permissions-Policy and
 * `X-Content-Type-Options: nosniff` everywhere; `Cache-Control: no-store` on
 * the API, the backoffice and the probes (a route may still set its own,
 * stricter value).
 */
export default class SecurityHeadersMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const raw = ctx.response.response
    raw.setHeader('Referrer-Policy', 'same-origin')
    raw.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    /* Also on answers no route sets it on (a 404 problem of an unknown /api path): found by the security audit */
    raw.setHeader('X-Content-Type-Options', 'nosniff')
    const path = ctx.request.url()
    if (NO_STORE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
      raw.setHeader('Cache-Control', 'no-store')
    }
    return next()
  }
}
