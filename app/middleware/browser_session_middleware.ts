import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'

/** Stateless audiences: bearer-token API and probes. No cookie session, no CSRF. */
export function isStatelessRequest(ctx: HttpContext): boolean {
  const url = ctx.request.url()
  return url.startsWith('/api/') || url.startsWith('/health/')
}

let stack: Promise<[SessionMiddleware<any>, ShieldMiddleware]> | undefined

/**
 * The session + shield (CSRF, CSP, frame, HSTS, nosniff) middleware of the
 * browser routes, skipped for /api and /health: API responses set no
 * session or XSRF cookies and pay no per-request CSRF secret/encryption.
 * JSON API responses get nosniff from ForceJsonMiddleware.
 */
export default class BrowserSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isStatelessRequest(ctx)) return next()
    stack ??= Promise.all([
      ctx.containerResolver.make(SessionMiddleware),
      ctx.containerResolver.make(ShieldMiddleware),
    ])
    const [session, shield] = await stack
    return session.handle(ctx, () => shield.handle(ctx, next))
  }
}
