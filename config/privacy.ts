import env from '#start/env'

/**
 * Erasure and retention (issue 13; app/actions/customers/*erase*).
 * Read on use, so a test's environment applies.
 *
 * - PRIVACY_RETENTION_YEARS: how long a customer's records must be kept
 *   after the relationship ended (the last account or loan closed, or the
 *   customer closed) before an erasure request is executed (default 5: the
 *   AML record-keeping period). 0 erases as soon as the relationship ended.
 */
const privacyConfig = {
  get retentionYears(): number {
    return env.get('PRIVACY_RETENTION_YEARS') ?? 5
  },
}

export default privacyConfig
