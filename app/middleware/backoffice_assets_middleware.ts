import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import ViteMiddleware from '@adonisjs/vite/vite_middleware'
import { isStatelessRequest } from '#middleware/browser_session_middleware'

let stack: Promise<[StaticMiddleware, ViteMiddleware]> | undefined

/**
 * Static files (public/) and the Vite dev server, for the backoffice only:
 * /api and /health requests skip them (no file lookup per API request).
 */
export default class BackofficeAssetsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isStatelessRequest(ctx)) return next()
    stack ??= Promise.all([
      ctx.containerResolver.make(StaticMiddleware),
      ctx.containerResolver.make(ViteMiddleware),
    ])
    const [assets, vite] = await stack
    return assets.handle(ctx, () => vite.handle(ctx, next))
  }
}
