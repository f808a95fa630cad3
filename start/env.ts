/*
|--------------------------------------------------------------------------
| Environment variables service
|--------------------------------------------------------------------------
|
| Every variable the application reads is declared and validated here.
| .env.example documents each of them.
|
*/

import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),

  /*
  |----------------------------------------------------------
  | Database: DATABASE_URL, or DB_* variables, or (development
  | and test only) an embedded PostgreSQL under tmp/
  |----------------------------------------------------------
  */
  DATABASE_URL: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),
  EMBEDDED_PG_PORT: Env.schema.number.optional(),
  EMBEDDED_PG_PASSWORD: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Audit: milliseconds between runs of the sealer inside each
  | web process (default 2000, 0 disables)
  |----------------------------------------------------------
  */
  AUDIT_SEAL_INTERVAL_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Variables for configuring session package
  |----------------------------------------------------------
  */
  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Variables for configuring the mail package
  |----------------------------------------------------------
  */
  MAIL_MAILER: Env.schema.enum(['smtp'] as const),
  MAIL_FROM_NAME: Env.schema.string(),
  MAIL_FROM_ADDRESS: Env.schema.string(),
  SMTP_HOST: Env.schema.string(),
  SMTP_PORT: Env.schema.number(),

  /*
  |----------------------------------------------------------
  | Variables for configuring the limiter package
  |----------------------------------------------------------
  */
  LIMITER_STORE: Env.schema.enum(['database', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Customer API (/api/v1): rate limits and CORS
  |----------------------------------------------------------
  */
  API_RATE_LIMIT_PER_MINUTE: Env.schema.number.optional(),
  AUTH_MAX_FAILURES_PER_EMAIL: Env.schema.number.optional(),
  AUTH_MAX_FAILURES_PER_IP: Env.schema.number.optional(),
  CORS_ALLOWED_ORIGINS: Env.schema.string.optional(),
  TRUSTED_PROXIES: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Backoffice staff sessions: idle timeout in minutes
  | (default 30) and absolute lifetime in hours (default 12)
  |----------------------------------------------------------
  */
  STAFF_SESSION_IDLE_MINUTES: Env.schema.number.optional(),
  STAFF_SESSION_MAX_HOURS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Drive (KYC documents): the disk, local "fs" under storage/ by default
  |----------------------------------------------------------
  */
  DRIVE_DISK: Env.schema.enum.optional(['fs'] as const),

  /*
  |----------------------------------------------------------
  | Teller postings above this amount (decimal, in the posting's
  | currency; default 10000.00) wait for a second staff member
  |----------------------------------------------------------
  */
  FOUR_EYES_POSTING_LIMIT: Env.schema.string.optional(),
})
