import env from '#start/env'

/**
 * The web process's cache of verified customer bearer tokens
 * (app/services/auth/token_cache.ts). Read when the cache is created.
 *
 * - AUTH_TOKEN_CACHE_SECONDS: how long a verified token is served from
 *   memory at most (default 30; never past the token's expiry; 0 turns the
 *   cache off: every request reads the database).
 * - AUTH_TOKEN_CACHE_MAX: tokens kept per process at most (default 10000;
 *   the least recently used go first).
 */
const authTokenCacheConfig = {
  get ttlSeconds(): number {
    return Math.max(0, env.get('AUTH_TOKEN_CACHE_SECONDS') ?? 30)
  },
  get max(): number {
    return Math.max(1, Math.floor(env.get('AUTH_TOKEN_CACHE_MAX') ?? 10_000))
  },
}

export default authTokenCacheConfig
