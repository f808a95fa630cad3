import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/**
 * Public base URL of this instance (mail links, redirects)
 */
export const appUrl = env.get('APP_URL')

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const trustedProxies = new Set(
  (env.get('TRUSTED_PROXIES') ?? '').split(',').map((value) => value.trim()).filter(Boolean)
)
const trustAll = trustedProxies.has('*')

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  /**
   * X-Forwarded-For is believed only from loopback and the addresses in
   * TRUSTED_PROXIES (comma-separated; '*' trusts every hop): otherwise any
   * client could pick its IP and dodge the per-IP rate limits.
   */
  trustProxy: (address: string) => trustAll || LOOPBACK.has(address) || trustedProxies.has(address),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
