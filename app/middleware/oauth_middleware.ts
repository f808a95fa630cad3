import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Provider from 'oidc-provider'
import openbankingConfig from '#config/openbanking'
import { trustedProxies } from '#config/app'

/** RFC 8414 metadata of an issuer with a path: /.well-known/oauth-authorization-server + the path */
const METADATA_PATH = `/.well-known/oauth-authorization-server${openbankingConfig.mountPath}`

const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'forwarded']

let handler: ReturnType<Provider['callback']> | undefined

/**
 * Hands /oauth/* to the authorization server (oidc-provider, a Koa app)
 * before the router and its body parser run: the library reads the raw
 * request body itself. The headers set so far (request id, security
 * headers) are copied to the raw response the library writes; Adonis then
 * sees a finished response and writes nothing.
 */
export default class OAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const req = ctx.request.request
    const path = (req.url ?? '/').split('?')[0]
    const mount = openbankingConfig.mountPath
    const mounted = path === mount || path.startsWith(`${mount}/`)
    if (!mounted && path !== METADATA_PATH) return next()

    const { authorizationServer } = await import('#services/oauth/authorization_server')
    const res = ctx.response.response
    res.setHeader('X-Request-Id', String(req.headers['x-request-id'] ?? ''))
    res.setHeader('Cache-Control', 'no-store')

    /* the authorization server believes X-Forwarded-* (provider.proxy): only from a trusted proxy */
    if (!trustedProxies.trusts(req.socket.remoteAddress)) {
      for (const header of FORWARDED_HEADERS) delete req.headers[header]
    }

    const original = req.url!
    req.url = mounted ? original.slice(mount.length) || '/' : '/.well-known/oauth-authorization-server'
    ;(req as { originalUrl?: string }).originalUrl = mounted ? original : `${mount}${req.url}`
    try {
      handler ??= authorizationServer().callback()
      await handler(req, res)
    } finally {
      req.url = original
    }
  }
}
