import env from '#start/env'

/**
 * Backoffice staff sessions and sign-in (ARCHITECTURE §4). Read on every
 * use, not once at boot, so a changed environment (tests) applies.
 *
 * - STAFF_SESSION_IDLE_MINUTES (default 30), STAFF_SESSION_MAX_HOURS
 *   (default 12): a server-side session ends after that long idle / in all.
 * - LOGIN_BACKOFF_AFTER_FAILURES (default 10), LOGIN_BACKOFF_SECONDS
 *   (default 5): failed sign-ins per e-mail from every IP after which each
 *   further attempt waits (a back-off, never a lock-out). Also used by the
 *   API's token issuance.
 */
const staffConfig = {
  get sessionIdleMs(): number {
    return env.get('STAFF_SESSION_IDLE_MINUTES', 30) * 60_000
  },
  get sessionMaxMs(): number {
    return env.get('STAFF_SESSION_MAX_HOURS', 12) * 3_600_000
  },
  get loginBackoffAfter(): number {
    return env.get('LOGIN_BACKOFF_AFTER_FAILURES', 10)
  },
  get loginBackoffSeconds(): number {
    return env.get('LOGIN_BACKOFF_SECONDS', 5)
  },
}

export default staffConfig
