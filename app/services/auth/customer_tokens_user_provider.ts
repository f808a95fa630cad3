import { HttpContext } from '@adonisjs/core/http'
import type { Secret } from '@adonisjs/core/helpers'
import db from '@adonisjs/lucid/services/db'
import { AccessToken, AccessTokensLucidUserProvider } from '@adonisjs/auth/access_tokens'
import Customer from '#models/customer'
import { preparedQuery } from '#services/database/prepared_query'
import { customerTokenCache } from '#services/auth/customer_token_cache'
import { tokenCacheChecks } from '#services/metrics/metrics'

/** last_used_at is refreshed at most this often per token (not on every request) */
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000

const RESOLVED_CUSTOMER = Symbol('strongroom.resolvedCustomer')

/**
 * Customer columns loaded with the token: identity and status only (the
 * name and email are in the sealed personal_data, opened with the
 * customer's cached data key; full_name/email only for a row not yet
 * sealed). The password hash and the TOTP secret are never read on
 * authenticated requests.
 */
const CUSTOMER_FIELDS = [
  'id', 'customer_number', 'personal_data', 'full_name', 'email', 'status', 'kyc_status', 'totp_enabled_at', 'created_at', 'updated_at',
]
const CUSTOMER_COLUMNS = CUSTOMER_FIELDS.map((f) => `c.${f}`).join(', ')

/**
 * The "api" guard's user provider: verifies a customer bearer token with ONE
 * indexed SELECT (token by primary key joined to its active customer,
 * unexpired; a named prepared statement) instead of the stock SELECT token + UPDATE last_used_at +
 * SELECT customer, and with none while the token is in this process's
 * token cache (customer_token_cache.ts: AUTH_TOKEN_CACHE_SECONDS, revoked in
 * every process at once through LISTEN/NOTIFY, off while not listening).
 * The cache holds the row with the token's HASH: the secret is verified
 * against it on every request, and a wrong secret for a cached id goes to
 * the database like any miss. last_used_at is written at most every 5
 * minutes, off the request path. The customer loaded with the token is
 * handed to findById through the request's HttpContext (async local storage).
 */
export default class CustomerTokensUserProvider extends AccessTokensLucidUserProvider<
  'accessTokens',
  typeof Customer
> {
  constructor() {
    super({ tokens: 'accessTokens', model: async () => ({ default: Customer }) })
  }

  async verifyToken(tokenValue: Secret<string>): Promise<AccessToken | null> {
    const tokens = Customer.accessTokens as unknown as { prefix: string; table: string; type: string }
    const decoded = AccessToken.decode(tokens.prefix, tokenValue.release())
    if (!decoded || !/^\d{1,18}$/.test(decoded.identifier)) return null

    /* a global transaction (test groups) sees rows no notification will ever revoke: no cache */
    const { cache } = customerTokenCache()
    const cacheable = !db.connection().isTransaction && cache.enabled && cache.live
    const cached = cacheable ? cache.get(decoded.identifier) : undefined
    if (cached) {
      const token = tokenFromRow(cached)
      if (cached.type === tokens.type && token.verify(decoded.secret) && !token.isExpired()) {
        tokenCacheChecks.inc({ outcome: 'hit' })
        return this.#accept(token, cached)
      }
    }
    tokenCacheChecks.inc({ outcome: cacheable ? 'miss' : 'bypass' })

    const ticket = cacheable ? cache.ticket() : null
    const rows = await preparedQuery(
      `select t.id as token_id, t.tokenable_id, t.type, t.name, t.hash, t.abilities,
              t.created_at as token_created_at, t.updated_at as token_updated_at,
              t.last_used_at, t.expires_at, ${CUSTOMER_COLUMNS}
         from ${tokens.table} t join customers c on c.id = t.tokenable_id
        where t.id = ? and t.type = ? and t.expires_at > now() and c.status = 'active'`,
      [decoded.identifier, tokens.type]
    )
    const row = rows[0]
    if (!row) return null

    const token = tokenFromRow(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null
    cache.store(ticket, decoded.identifier, row, token.expiresAt)
    return this.#accept(token, row)
  }

  async #accept(token: AccessToken, row: Record<string, any>) {
    this.touch(token)
    const ctx = HttpContext.get()
    if (ctx) (ctx as any)[RESOLVED_CUSTOMER] = await customerFromRow(row)
    return token
  }

  async findById(identifier: string | number | BigInt) {
    const ctx = HttpContext.get() as any
    const resolved: Customer | undefined = ctx?.[RESOLVED_CUSTOMER]
    if (resolved && resolved.id === Number(identifier)) {
      return this.createUserForGuard(resolved)
    }
    const customer = await Customer.query().where('id', Number(identifier)).where('status', 'active').first()
    return customer ? this.createUserForGuard(customer) : null
  }

  /** Throttled, fire-and-forget last_used_at update */
  private touch(token: AccessToken) {
    const last = token.lastUsedAt ? token.lastUsedAt.getTime() : 0
    if (Date.now() - last < LAST_USED_RESOLUTION_MS) return
    const now = new Date()
    /* the cached row learns it too (the trigger ignores last_used_at), or every hit would write again */
    customerTokenCache().cache.update(String(token.identifier), 'last_used_at', now)
    db.from((Customer.accessTokens as unknown as { table: string }).table)
      .where('id', token.identifier as number)
      .update({ last_used_at: now })
      .catch(() => {})
  }
}

function tokenFromRow(row: Record<string, any>): AccessToken {
  return new AccessToken({
    identifier: Number(row.token_id),
    tokenableId: Number(row.tokenable_id),
    type: row.type,
    name: row.name,
    hash: row.hash,
    abilities: JSON.parse(row.abilities),
    createdAt: row.token_created_at,
    updatedAt: row.token_updated_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  })
}

/** A new Customer per request (never one shared between requests): its personal data opened with the cached data key */
async function customerFromRow(row: Record<string, any>): Promise<Customer> {
  const attributes: Record<string, any> = {}
  for (const field of CUSTOMER_FIELDS) attributes[field] = row[field]
  const customer = Customer.$createFromAdapterResult(attributes)!
  await Customer.openPersonalData([customer])
  return customer
}
