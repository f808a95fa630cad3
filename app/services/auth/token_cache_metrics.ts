import client from 'prom-client'

/**
 * Metrics of the bearer-token cache (prom-client's global registry, like
 * #services/metrics/metrics). Labels are a fixed set.
 * - strongroom_auth_token_cache_total{outcome}: bearer-token checks by
 *   outcome: `hit` (served from memory), `miss` (read from the database,
 *   cache usable), `bypass` (read from the database because the cache is
 *   off or its revocation feed is not listening);
 * - strongroom_auth_token_cache_listening: 1 while this process LISTENs for
 *   revocations (the cache serves only then), else 0.
 */
function metric<T>(name: string, make: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? make()
}

export type TokenCacheOutcome = 'hit' | 'miss' | 'bypass'

export const tokenCacheChecks = metric(
  'strongroom_auth_token_cache_total',
  () =>
    new client.Counter({
      name: 'strongroom_auth_token_cache_total',
      help: 'Customer bearer-token checks by outcome: hit (memory), miss (database), bypass (database; cache off or not listening)',
      labelNames: ['outcome'] as const,
    })
)

export const tokenCacheListening = metric(
  'strongroom_auth_token_cache_listening',
  () =>
    new client.Gauge({
      name: 'strongroom_auth_token_cache_listening',
      help: '1 while this process listens for token revocations (the token cache serves only then), else 0',
    })
)
