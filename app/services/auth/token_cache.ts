import { LRUCache } from 'lru-cache'

/** The PostgreSQL channel the revocation triggers notify (database/sql/auth/, migration 0701) */
export const REVOCATION_CHANNEL = 'strongroom_token_revoked'

/**
 * What verifyToken needs of one token: its row joined to its customer's
 * row, as the database returned it (the token HASH, never the secret).
 */
export type TokenRow = Readonly<Record<string, any>>

export type Revocation = { kind: 'token'; id: string } | { kind: 'customer'; id: string } | { kind: 'all' }

const PAYLOAD = /^(token|customer):(\d{1,18})$/

/**
 * A notification's payload: 'token:<id>', 'customer:<id>' or '*'. Anything
 * else is read as '*': a payload this version does not understand must
 * drop too much, never too little.
 */
export function parseRevocation(payload: string | undefined): Revocation {
  const match = PAYLOAD.exec(payload ?? '')
  return match ? { kind: match[1] as 'token' | 'customer', id: match[2] } : { kind: 'all' }
}

export interface TokenCacheOptions {
  /** Longest time an entry is served (0: the cache is off) */
  ttlMs: number
  /** Entries kept at most, least recently used dropped first */
  max: number
}

/**
 * The in-process cache of verified customer bearer tokens, keyed by token
 * id. Pure bookkeeping: the database read is the caller's, the revocation
 * feed (token_revocation_feed.ts) tells it what was revoked and whether it
 * is listening.
 *
 * Guarantees:
 * - nothing is served or stored unless the feed is LISTENing (`live`);
 *   going live or losing the feed empties the cache (notifications may have
 *   been missed meanwhile);
 * - an entry lives at most ttlMs and never past the token's expiry;
 * - a database read that started before a revocation (or a loss of the feed)
 *   is never stored after it: the caller takes a `ticket()` before the
 *   read, and `store()` refuses it once anything was dropped since, so a
 *   row read just before a revocation cannot outlive the notification;
 * - only rows that passed verification are given to store(): a miss is
 *   never cached.
 */
export class TokenCache {
  readonly ttlMs: number
  #entries: LRUCache<string, TokenRow>
  /** Bumped on every drop and every change of `live`: the tickets of reads in flight go stale */
  #epoch = 0
  #live = false

  constructor(options: TokenCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlMs)
    this.#entries = new LRUCache<string, TokenRow>({ max: Math.max(1, options.max), ttl: Math.max(1, this.ttlMs) })
  }

  get enabled(): boolean {
    return this.ttlMs > 0
  }

  /** The revocation feed is listening: entries may be served and stored */
  get live(): boolean {
    return this.#live
  }

  get size(): number {
    return this.#entries.size
  }

  /** The feed connected (true) or was lost (false): either way nothing cached before can be trusted */
  setLive(live: boolean) {
    this.#live = live
    this.clear()
  }

  /** Taken before the database read whose row may be stored; null: nothing may be stored */
  ticket(): number | null {
    return this.enabled && this.#live ? this.#epoch : null
  }

  get(tokenId: string): TokenRow | undefined {
    if (!this.enabled || !this.#live) return undefined
    return this.#entries.get(tokenId)
  }

  /** Stores a verified row unless something was dropped since `ticket` was taken; true when stored */
  store(ticket: number | null, tokenId: string, row: Record<string, any>, expiresAt: Date | null, now = Date.now()): boolean {
    if (ticket === null || ticket !== this.#epoch || !this.#live) return false
    const ttl = Math.min(this.ttlMs, expiresAt ? expiresAt.getTime() - now : this.ttlMs)
    if (ttl <= 0) return false
    this.#entries.set(tokenId, Object.freeze({ ...row }), { ttl })
    return true
  }

  /** Replaces one field of a cached row (last_used_at after it was written), keeping its time to live */
  update(tokenId: string, field: string, value: unknown) {
    const row = this.#entries.peek(tokenId)
    if (row) this.#entries.set(tokenId, Object.freeze({ ...row, [field]: value }), { noUpdateTTL: true })
  }

  /** A notification's payload (parseRevocation) */
  revoke(payload: string | undefined) {
    const revocation = parseRevocation(payload)
    if (revocation.kind === 'token') this.dropToken(revocation.id)
    else if (revocation.kind === 'customer') this.dropCustomer(revocation.id)
    else this.clear()
  }

  dropToken(tokenId: string) {
    this.#epoch++
    this.#entries.delete(tokenId)
  }

  /** Every token of the customer (a scan: revocations are rare next to requests, and the cache is bounded) */
  dropCustomer(customerId: string) {
    this.#epoch++
    const doomed: string[] = []
    for (const [tokenId, row] of this.#entries.entries()) {
      if (String(row.tokenable_id) === customerId) doomed.push(tokenId)
    }
    for (const tokenId of doomed) this.#entries.delete(tokenId)
  }

  clear() {
    this.#epoch++
    this.#entries.clear()
  }
}
