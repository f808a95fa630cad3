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

/**
 * APP_KEY encrypts sessions, cookies and PII keys: refuse to boot unless it
 * is at least 32 bytes long, counted as the UTF-8 bytes of the value as
 * written (it is used as given, never base64-decoded). `node ace
 * generate:key` makes a suitable one.
 */
export const APP_KEY_MIN_BYTES = 32
function appKey(name: string, value?: string) {
  const secret = Env.schema.secret()(name, value)
  const bytes = Buffer.byteLength(value ?? '', 'utf8')
  if (bytes < APP_KEY_MIN_BYTES) {
    throw new Error(
      `${name} is too short: ${bytes} bytes, at least ${APP_KEY_MIN_BYTES} are required (generate one with "node ace generate:key")`
    )
  }
  return secret
}

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: appKey,
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),
  /* Log line shape (config/logger.ts): json (pino's fields, default) or ecs (Elastic Common Schema) */
  LOG_FORMAT: Env.schema.enum.optional(['json', 'ecs'] as const),
  /* Development only: serve HTTPS with a generated self-signed certificate (app/services/tls/dev_tls.ts); refused in production */
  DEV_TLS: Env.schema.boolean.optional(),
  DEV_TLS_DIR: Env.schema.string.optional(),

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
  DB_CONNECT_TIMEOUT_MS: Env.schema.number.optional(),
  DB_ACQUIRE_TIMEOUT_MS: Env.schema.number.optional(),
  EMBEDDED_PG_PORT: Env.schema.number.optional(),
  EMBEDDED_PG_PASSWORD: Env.schema.string.optional(),
  /* Least privilege: the role that owns the schema (migrations only); DATABASE_URL/DB_* is then the runtime role */
  DATABASE_OWNER_URL: Env.schema.string.optional(),
  DB_OWNER_USER: Env.schema.string.optional(),
  DB_OWNER_PASSWORD: Env.schema.string.optional(),
  EMBEDDED_PG_APP_PASSWORD: Env.schema.string.optional(),
  /* Read replica for the heavy reads (app/services/database/read_replica.ts); credentials default to the runtime role's */
  DATABASE_REPLICA_URL: Env.schema.string.optional(),
  DB_REPLICA_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_REPLICA_PORT: Env.schema.number.optional(),
  DB_REPLICA_POOL_MAX: Env.schema.number.optional(),
  DB_REPLICA_RETRY_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Audit: milliseconds between runs of the sealer inside each
  | web process (default 2000, 0 disables)
  |----------------------------------------------------------
  */
  AUDIT_SEAL_INTERVAL_MS: Env.schema.number.optional(),
  /* Ed25519 key signing sealed blocks and checkpoints (required in production), rotated-out public keys, checkpoint disk */
  AUDIT_SIGNING_KEY: Env.schema.secret.optional(),
  AUDIT_TRUSTED_PUBLIC_KEYS: Env.schema.string.optional(),
  AUDIT_CHECKPOINT_DISK: Env.schema.enum.optional(['fs'] as const),

  /*
  |----------------------------------------------------------
  | Job queue (pg-boss): its schema, its pool per process, idle poll
  |----------------------------------------------------------
  */
  QUEUE_SCHEMA: Env.schema.string.optional(),
  QUEUE_POOL_MAX: Env.schema.number.optional(),
  QUEUE_POLL_SECONDS: Env.schema.number.optional(),
  QUEUE_EXPIRE_SECONDS: Env.schema.number.optional(),
  QUEUE_SUPERVISE_SECONDS: Env.schema.number.optional(),
  /* Risk: inline rules in the payment path (on | off), large withdrawal notice threshold */
  RISK_INLINE_RULES: Env.schema.enum.optional(['on', 'off'] as const),
  LARGE_WITHDRAWAL_AMOUNT: Env.schema.string.optional(),
  /* Ledger: batched transfers (group commit), config/ledger.ts */
  LEDGER_BATCHING: Env.schema.enum.optional(['on', 'off'] as const),
  LEDGER_BATCH_MAX: Env.schema.number.optional(),
  LEDGER_BATCH_CONCURRENCY: Env.schema.number.optional(),

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
  /* capture: written as JSON files under tmp/mail/ (development, test); smtp: sent (production) */
  MAIL_MAILER: Env.schema.enum(['capture', 'smtp'] as const),
  MAIL_FROM_NAME: Env.schema.string(),
  MAIL_FROM_ADDRESS: Env.schema.string(),
  /* Needed by MAIL_MAILER=smtp only; SMTP_USERNAME + SMTP_PASSWORD when the server wants auth */
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.secret.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),

  /*
  |----------------------------------------------------------
  | Outbound calls (SMTP, later webhooks): circuit breaker per
  | destination, opened after OUTBOUND_BREAKER_FAILURES consecutive
  | failures (default 5), one trial call after
  | OUTBOUND_BREAKER_HALF_OPEN_MS (default 30000); each call cut off
  | after OUTBOUND_TIMEOUT_MS (default 10000)
  |----------------------------------------------------------
  */
  OUTBOUND_BREAKER_FAILURES: Env.schema.number.optional(),
  OUTBOUND_BREAKER_HALF_OPEN_MS: Env.schema.number.optional(),
  OUTBOUND_TIMEOUT_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Prometheus metrics (config/metrics.ts): GET /metrics on the web
  | port and on the worker's METRICS_PORT (default 9465, 0: none).
  | Allowed with the bearer METRICS_TOKEN, or without a token from
  | METRICS_ALLOWED_IPS (IPs/CIDRs, default 127.0.0.1,::1)
  |----------------------------------------------------------
  */
  METRICS_TOKEN: Env.schema.secret.optional(),
  METRICS_ALLOWED_IPS: Env.schema.string.optional(),
  METRICS_PORT: Env.schema.number.optional(),

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
  /* Partner fintechs: requests per minute by rate-limit tier, "sandbox:60,standard:1200,premium:6000" */
  PARTNER_RATE_LIMITS: Env.schema.string.optional(),
  AUTH_MAX_FAILURES_PER_EMAIL: Env.schema.number.optional(),
  AUTH_MAX_FAILURES_PER_IP: Env.schema.number.optional(),
  LOGIN_BACKOFF_AFTER_FAILURES: Env.schema.number.optional(),
  LOGIN_BACKOFF_SECONDS: Env.schema.number.optional(),
  /* Bearer-token cache per web process (config/auth_token_cache.ts): seconds (0 = off), entries */
  AUTH_TOKEN_CACHE_SECONDS: Env.schema.number.optional(),
  AUTH_TOKEN_CACHE_MAX: Env.schema.number.optional(),
  CORS_ALLOWED_ORIGINS: Env.schema.string.optional(),
  TRUSTED_PROXIES: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Graceful shutdown on SIGTERM (web and queue:work): the
  | bound in seconds for in-flight work (default 25), and the
  | web's wait before it stops accepting (default 0)
  |----------------------------------------------------------
  */
  SHUTDOWN_TIMEOUT_SECONDS: Env.schema.number.optional(),
  SHUTDOWN_DELAY_SECONDS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Overload protection of a web process (503 E_OVERLOADED):
  | requests in flight (default 256) and event-loop delay in
  | ms (default 1000, off under NODE_ENV=test); 0 turns a
  | check off
  |----------------------------------------------------------
  */
  HTTP_MAX_IN_FLIGHT: Env.schema.number.optional(),
  HTTP_MAX_EVENT_LOOP_DELAY_MS: Env.schema.number.optional(),

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
  /*
  | The limit applies to running totals too: a teller posting that takes
  | the staff member's or an account's total of teller postings over the
  | last FOUR_EYES_WINDOW_HOURS (default 24) above it waits as well
  */
  FOUR_EYES_WINDOW_HOURS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Customer payments (config/payments.ts): default limits per
  | currency "CUR:single/daily,..." (default GBP, EUR, USD
  | 5000.00/10000.00), dynamic-linking threshold (default 250.00),
  | low-value exemption for new payees (default 30.00), lifetime of
  | a payment authorisation in seconds (default 300)
  |----------------------------------------------------------
  */
  PAYMENT_LIMITS: Env.schema.string.optional(),
  SCA_DYNAMIC_LINKING_THRESHOLD: Env.schema.string.optional(),
  SCA_LOW_VALUE_EXEMPTION: Env.schema.string.optional(),
  PAYMENT_AUTHORISATION_TTL_SECONDS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Open banking (config/openbanking.ts): the authorization server's
  | issuer (default APP_URL + /oauth), its Ed25519 signing key
  | (required in production; development and test derive one from
  | APP_KEY), access-token and refresh-token lifetimes in seconds
  |----------------------------------------------------------
  */
  OAUTH_ISSUER: Env.schema.string.optional({ format: 'url', tld: false }),
  OAUTH_SIGNING_KEY: Env.schema.secret.optional(),
  OAUTH_ACCESS_TOKEN_TTL_SECONDS: Env.schema.number.optional(),
  OAUTH_REFRESH_TOKEN_TTL_SECONDS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Loans (config/loans.ts): the portfolio's delinquency buckets
  | in days past due, "1-30,31-60,61-90,91+" (the default); the
  | days before a due date that loans:collect reminds (default 3)
  |----------------------------------------------------------
  */
  LOAN_DELINQUENCY_BUCKETS: Env.schema.string.optional(),
  LOAN_REMINDER_DAYS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Personal data encryption (config/keys.ts)
  |----------------------------------------------------------
  */
  KEY_PROVIDER: Env.schema.enum.optional(['local', 'pkcs11', 'aws-kms'] as const),
  MASTER_KEY_ID: Env.schema.string.optional(),
  LOCAL_KEY_FILE: Env.schema.string.optional(),
  DATA_KEY_CACHE_SECONDS: Env.schema.number.optional(),
  PKCS11_MODULE: Env.schema.string.optional(),
  PKCS11_TOKEN_LABEL: Env.schema.string.optional(),
  PKCS11_PIN: Env.schema.secret.optional(),
  PKCS11_SLOT: Env.schema.number.optional(),
  AWS_KMS_KEY_ID: Env.schema.string.optional(),
  AWS_REGION: Env.schema.string.optional(),
  AWS_KMS_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  /* @keys-env */

  /*
  |----------------------------------------------------------
  | Data residency (config/residency.ts)
  |----------------------------------------------------------
  */
  RESIDENCY_REGIONS: Env.schema.string.optional(),
  RESIDENCY_HOME_REGION: Env.schema.string.optional(),
  RESIDENCY_STORAGE_ROOT: Env.schema.string.optional(),
  RESIDENCY_DEFAULT_REGION: Env.schema.string.optional(),
  /* RESIDENCY_<REGION>_FILES / _BACKUPS / _BACKUPS_OFFSITE / _EXPORTS: named by region, read by config/residency.ts */
  /* @residency-env */

  /*
  |----------------------------------------------------------
  | Backups (config/backup.ts)
  |----------------------------------------------------------
  */
  BACKUP_METHOD: Env.schema.enum.optional(['pgbackrest', 'dump'] as const),
  BACKUP_REGION: Env.schema.string.optional(),
  BACKUP_CIPHER_FILE: Env.schema.string.optional(),
  BACKUP_PG_BIN_DIR: Env.schema.string.optional(),
  BACKUP_DRILL_DIR: Env.schema.string.optional(),
  BACKUP_DUMP_PATH: Env.schema.string.optional(),
  BACKUP_DUMP_OFFSITE_PATH: Env.schema.string.optional(),
  BACKUP_DUMP_RETENTION: Env.schema.number.optional(),
  BACKUP_DUMP_COMPRESSION: Env.schema.number.optional(),
  PGBACKREST_BIN: Env.schema.string.optional(),
  PGBACKREST_STANZA: Env.schema.string.optional(),
  PGBACKREST_CONFIG: Env.schema.string.optional(),
  PGBACKREST_PG_PATH: Env.schema.string.optional(),
  PGBACKREST_PG_PORT: Env.schema.number.optional(),
  PGBACKREST_PG_SOCKET_PATH: Env.schema.string.optional(),
  PGBACKREST_PG_USER: Env.schema.string.optional(),
  PGBACKREST_PROCESS_MAX: Env.schema.number.optional(),
  PGBACKREST_COMPRESS_TYPE: Env.schema.enum.optional(['gz', 'lz4', 'zst', 'bz2', 'none'] as const),
  PGBACKREST_REPO1_PATH: Env.schema.string.optional(),
  PGBACKREST_REPO1_RETENTION_FULL: Env.schema.number.optional(),
  PGBACKREST_REPO1_RETENTION_DIFF: Env.schema.number.optional(),
  PGBACKREST_REPO2_TYPE: Env.schema.enum.optional(['posix', 's3', 'none'] as const),
  PGBACKREST_REPO2_PATH: Env.schema.string.optional(),
  PGBACKREST_REPO2_RETENTION_FULL: Env.schema.number.optional(),
  PGBACKREST_REPO2_S3_BUCKET: Env.schema.string.optional(),
  PGBACKREST_REPO2_S3_ENDPOINT: Env.schema.string.optional(),
  PGBACKREST_REPO2_S3_REGION: Env.schema.string.optional(),
  PGBACKREST_REPO2_S3_URI_STYLE: Env.schema.enum.optional(['host', 'path'] as const),
  PGBACKREST_REPO2_S3_KEY: Env.schema.string.optional(),
  PGBACKREST_REPO2_S3_KEY_SECRET: Env.schema.secret.optional(),
  /* @backup-env */

  /*
  |----------------------------------------------------------
  | Erasure and retention (config/privacy.ts)
  |----------------------------------------------------------
  */
  PRIVACY_RETENTION_YEARS: Env.schema.number.optional(),
  /* @privacy-env */
})
