import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import { parseTrustedProxies } from '#services/http/trusted_proxies'

/**
 * Public base URL of this instance (mail links, redirects)
 */
export const appUrl = env.get('APP_URL')

/** TRUSTED_PROXIES: IPs and CIDRs, '*' for any; loopback always (#services/http/trusted_proxies) */
export const trustedProxies = parseTrustedProxies(env.get('TRUSTED_PROXIES'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  /**
   * X-Forwarded-For/-Proto/-Host are believed only from loopback and the
   * proxies in TRUSTED_PROXIES (IPs and CIDRs; '*' trusts every hop), for
   * each hop from the nearest: request.ip() is then the client's address
   * behind the load balancer and request.protocol() its scheme. Otherwise
   * any client could pick its IP and dodge the per-IP rate limits.
   */
  trustProxy: (address: string) => trustedProxies.trusts(address),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
