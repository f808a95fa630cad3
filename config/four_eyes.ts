import env from '#start/env'

/**
 * Four-eyes thresholds of backoffice postings (ARCHITECTURE §4). Read on
 * every use, not once at boot, so a changed environment (tests) applies.
 *
 * - FOUR_EYES_POSTING_LIMIT: a teller posting above it (decimal, in the
 *   posting's own currency; default 10000.00) waits for a second staff member.
 * - FOUR_EYES_WINDOW_HOURS: the rolling window of the running totals that
 *   count towards that limit (default 24, > 0).
 */
const fourEyesConfig = {
  get postingLimit(): string {
    return env.get('FOUR_EYES_POSTING_LIMIT') || '10000.00'
  },
  get windowHours(): number {
    const hours = Number(env.get('FOUR_EYES_WINDOW_HOURS') ?? 24)
    return Number.isFinite(hours) && hours > 0 ? hours : 24
  },
}

export default fourEyesConfig
