import env from '#start/env'
import {
  DEFAULT_ALLOWED_IPS,
  MIN_TOKEN_LENGTH,
  parseAllowList,
  type MetricsAccessRules,
} from '#services/metrics/metrics_access'

/**
 * Prometheus metrics (app/services/metrics/, catalog in README "Operating
 * Strongroom"). Read on use, so a test's environment applies.
 *
 * - METRICS_TOKEN: bearer token a scraper sends (at least 32 characters);
 *   unset: only the allow-list grants access.
 * - METRICS_ALLOWED_IPS: IPs/CIDRs allowed without a token (default
 *   127.0.0.1,::1; `none`: token only).
 * - METRICS_PORT: the worker's metrics port (default 9465, bound to HOST;
 *   0: the worker serves no metrics).
 */
const metricsConfig = {
  /** Throws (refusing to serve) on a token too short or an allow-list entry that is not an IP/CIDR */
  get access(): MetricsAccessRules {
    const token = env.get('METRICS_TOKEN')?.release() || null
    if (token !== null && token.length < MIN_TOKEN_LENGTH) {
      throw new Error(`METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters long`)
    }
    return { token, allowList: parseAllowList(env.get('METRICS_ALLOWED_IPS') || DEFAULT_ALLOWED_IPS) }
  },
  get workerPort(): number {
    return env.get('METRICS_PORT') ?? 9465
  },
  get host(): string {
    return env.get('HOST')
  },
}

export default metricsConfig
