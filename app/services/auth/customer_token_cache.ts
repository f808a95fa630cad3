import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { databaseLocation } from '#config/database'
import authTokenCacheConfig from '#config/auth_token_cache'
import { TokenCache } from '#services/auth/token_cache'
import { TokenRevocationFeed } from '#services/auth/token_revocation_feed'
import { tokenCacheListening } from '#services/metrics/metrics'

let instance: { cache: TokenCache; feed: TokenRevocationFeed | null } | undefined

/**
 * This process's token cache and its revocation feed, created on the first
 * bearer-token check (so only processes that serve the API open the LISTEN
 * connection: never ace commands) and stopped when the application
 * terminates (graceful shutdown). With AUTH_TOKEN_CACHE_SECONDS=0 there is
 * no feed and the cache serves nothing.
 */
export function customerTokenCache() {
  if (instance) return instance
  const cache = new TokenCache({ ttlMs: authTokenCacheConfig.ttlSeconds * 1000, max: authTokenCacheConfig.max })
  let feed: TokenRevocationFeed | null = null
  if (cache.enabled) {
    feed = new TokenRevocationFeed(cache, {
      endpoint: databaseLocation,
      logger,
      onLiveChange: (live) => tokenCacheListening.set(live ? 1 : 0),
    })
    feed.start()
    const started = feed
    app.terminating(async () => {
      await started.stop()
      if (instance?.feed === started) instance = undefined
    })
  }
  instance = { cache, feed }
  return instance
}
