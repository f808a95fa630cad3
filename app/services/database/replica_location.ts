import type { DatabaseEndpoint } from '#services/database/database_location'

/** The Lucid connection of the read replica (config/database.ts), defined only when one is configured */
export const REPLICA_CONNECTION = 'replica'

/** How the replica's sessions show up in pg_stat_activity and the server's logs (%a) */
export const REPLICA_APPLICATION_NAME = 'strongroom-replica-read'

/** Default: after the replica failed, heavy reads use the primary for this long before trying it again */
export const DEFAULT_REPLICA_RETRY_MS = 30_000

type Getter = (key: string) => string | number | undefined

/**
 * Where the streaming read replica is, or null when none is configured
 * (then every read uses the primary). First match wins:
 * 1. DATABASE_REPLICA_URL; a part it leaves out (user, password, database)
 *    is the runtime role's, so `postgres://replica-host:5432` is enough;
 * 2. DB_REPLICA_HOST (+ DB_REPLICA_PORT, default the primary's port).
 *
 * The credentials are the RUNTIME role's (never the owner's): on a
 * streaming replica, roles, passwords and grants are replicated from the
 * primary, so the least-privilege role logs in there as it does on the
 * primary and can do even less (the server is read-only).
 */
export function resolveReplicaEndpoint(get: Getter, runtime: DatabaseEndpoint): DatabaseEndpoint | null {
  const url = text(get('DATABASE_REPLICA_URL'))
  if (url) {
    const parsed = new URL(url)
    return {
      host: decodeURIComponent(parsed.hostname) || runtime.host,
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username) || runtime.user,
      password: parsed.username ? decodeURIComponent(parsed.password) : runtime.password,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || runtime.database,
    }
  }
  const host = text(get('DB_REPLICA_HOST'))
  if (host) {
    return { ...runtime, host, port: Number(get('DB_REPLICA_PORT') ?? runtime.port) }
  }
  return null
}

function text(value: string | number | undefined) {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}
