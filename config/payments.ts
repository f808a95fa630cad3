import env from '#start/env'
import { parseLimitTable } from '#domain/payments/payment_rules'

/**
 * Customer payment limits and strong customer authentication of payments
 * (ARCHITECTURE §4, PSD2 RTS art. 4-5 and 16). Read once at boot; a bad
 * value refuses to start.
 *
 * - PAYMENT_LIMITS: default single-payment / daily-total limit per currency,
 *   `CUR:single/daily` comma-separated. A currency not listed cannot be paid
 *   from the API until staff set limits for the customer. Staff override
 *   them per customer (raising is four-eyes).
 * - SCA_DYNAMIC_LINKING_THRESHOLD: above it every payment needs a fresh
 *   one-time code bound to its amount and payee (decimal, any currency).
 * - SCA_LOW_VALUE_EXEMPTION: up to it no payment needs one; above it a payee
 *   the customer never paid above it needs one (RTS art. 16).
 * - PAYMENT_AUTHORISATION_TTL_SECONDS: how long an authorisation may be used.
 */
export const DEFAULT_PAYMENT_LIMITS = 'GBP:5000.00/10000.00,EUR:5000.00/10000.00,USD:5000.00/10000.00'

const paymentsConfig = {
  defaultLimits: parseLimitTable(env.get('PAYMENT_LIMITS') || DEFAULT_PAYMENT_LIMITS),
  dynamicLinkingThreshold: env.get('SCA_DYNAMIC_LINKING_THRESHOLD') || '250.00',
  lowValueExemption: env.get('SCA_LOW_VALUE_EXEMPTION') || '30.00',
  authorisationTtlSeconds: env.get('PAYMENT_AUTHORISATION_TTL_SECONDS') ?? 300,
  /** Wrong one-time codes an authorisation tolerates before it must be requested again */
  authorisationMaxAttempts: 3,
}

export default paymentsConfig
