import env from '#start/env'
import { defineConfig } from '@adonisjs/cors'

/**
 * CORS is closed by default: only the origins listed in
 * CORS_ALLOWED_ORIGINS (comma-separated, e.g. registered partner apps) get
 * Access-Control-Allow-Origin. The API authenticates with bearer tokens,
 * so no credentials (cookies) are allowed cross-origin.
 */
const allowedOrigins = (env.get('CORS_ALLOWED_ORIGINS') ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean)

const corsConfig = defineConfig({
  enabled: true,
  origin: allowedOrigins.length ? allowedOrigins : false,
  methods: ['GET', 'HEAD', 'POST', 'DELETE'],
  headers: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
  exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining'],
  credentials: false,
  maxAge: 600,
})

export default corsConfig
