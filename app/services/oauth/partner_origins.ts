import db from '@adonisjs/lucid/services/db'

/** How long the set of registered origins is reused before it is read again */
const TTL_MS = 30_000

let cached: { origins: Set<string>; at: number } | undefined
let loading: Promise<Set<string>> | undefined

/**
 * Whether an Origin is registered by an active partner (CORS for partner
 * web apps). The set is read from the partners table at most every 30 s
 * per process: a new or suspended partner's origins take effect within
 * that time on every instance.
 */
export async function isPartnerOrigin(origin: string): Promise<boolean> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    loading ??= db
      .from('partners')
      .where('status', 'active')
      .select('cors_origins')
      .then((rows) => new Set(rows.flatMap((row) => row.cors_origins as string[])))
      .finally(() => (loading = undefined))
    cached = { origins: await loading, at: Date.now() }
  }
  return cached.origins.has(origin)
}

/** Forgets the cached set (a partner registered or changed in this process) */
export function forgetPartnerOrigins() {
  cached = undefined
}
