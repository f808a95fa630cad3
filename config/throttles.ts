import env from '#start/env'

/**
 * Request and sign-in limits of the API (counters in the limiter's shared
 * store, config/limiter.ts). Read once at boot.
 *
 * - API_RATE_LIMIT_PER_MINUTE: /api/v1 requests per minute, per bearer token
 *   and per client IP (default 6000).
 * - PARTNER_RATE_LIMITS: /api/v1 requests per minute of a partner fintech
 *   (all its tokens together) by its rate-limit tier, "tier:n,..."
 *   (default sandbox:60,standard:1200,premium:6000).
 * - AUTH_MAX_FAILURES_PER_EMAIL (default 5), AUTH_MAX_FAILURES_PER_IP
 *   (default 20): customer token requests per e-mail from one IP and per IP
 *   within 15 minutes, counted before the password is checked.
 */
const throttlesConfig = {
  apiRequestsPerMinute: env.get('API_RATE_LIMIT_PER_MINUTE', 6000),
  partnerRequestsPerMinute: partnerTiers(env.get('PARTNER_RATE_LIMITS')),
  customerLoginPerEmailAndIp: env.get('AUTH_MAX_FAILURES_PER_EMAIL', 5),
  customerLoginPerIp: env.get('AUTH_MAX_FAILURES_PER_IP', 20),
}

export default throttlesConfig

export type PartnerTier = 'sandbox' | 'standard' | 'premium'

/** "sandbox:60,standard:1200,premium:6000" (a tier left out keeps its default) */
function partnerTiers(value: string | undefined): Record<PartnerTier, number> {
  const tiers: Record<PartnerTier, number> = { sandbox: 60, standard: 1200, premium: 6000 }
  for (const part of (value ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [tier, limit] = part.split(':')
    if (!(tier in tiers) || !/^[1-9]\d{0,6}$/.test(limit ?? '')) {
      throw new Error(`PARTNER_RATE_LIMITS: "${part}" is not tier:requests (tiers: sandbox, standard, premium)`)
    }
    tiers[tier as PartnerTier] = Number(limit)
  }
  return tiers
}
