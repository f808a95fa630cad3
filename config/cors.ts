import env from '#start/env'
import { defineConfig } from '@adonisjs/cors'

/**
 * CORS is closed by default: only the origins listed in
 * CORS_ALLOWED_ORIGINS (comma-separated) and those an active partner
 * registered (PartnerCorsMiddleware looks them up) get
 * Access-Control-Allow-Origin. The API authenticates with bearer and DPoP
 * tokens, so no credentials (cookies) are allowed cross-origin.
 */
const allowedOrigins = (env.get('CORS_ALLOWED_ORIGINS') ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean)

const corsConfig = defineConfig({
  enabled: true,
  origin: (origin, ctx) => allowedOrigins.includes(origin) || ctx.partnerOriginAllowed === true,
  methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
  headers: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'DPoP', 'x-fapi-interaction-id'],
  exposeHeaders: [
    'X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining',
    'RateLimit', 'RateLimit-Policy', 'WWW-Authenticate', 'DPoP-Nonce', 'x-fapi-interaction-id',
  ],
  credentials: false,
  maxAge: 600,
})

export default corsConfig
