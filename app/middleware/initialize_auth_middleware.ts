import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isStatelessRequest } from '#middleware/browser_session_middleware'
/* The stock middleware's module declares HttpContext['auth'] */
import type {} from '@adonisjs/auth/initialize_auth_middleware'

/**
 * `ctx.auth` for every request (the stock @adonisjs/auth middleware), but
 * the authenticator is shared with Edge templates only on browser routes:
 * reading `ctx.view` builds an Edge renderer (a disk scan for components)
 * that /api and /health responses never use.
 */
export default class InitializeAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.auth = (await ctx.containerResolver.make('auth.manager')).createAuthenticator(ctx)
    if (!isStatelessRequest(ctx) && 'view' in ctx) ctx.view.share({ auth: ctx.auth })
    return next()
  }
}
