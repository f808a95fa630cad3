import { BlockList } from 'node:net'
import { addressInList, parseAddressList } from '#services/http/address_list'
import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Who may read /metrics (web port and the worker's METRICS_PORT). Deny by
 * default, one rule for both:
 *
 * - a request WITH an Authorization header is served only when it is
 *   `Bearer <METRICS_TOKEN>` (a token is configured and matches, compared
 *   in constant time); a wrong or unexpected token is refused from any
 *   address, so a misconfigured scraper is noticed instead of passing on
 *   its address alone;
 * - a request WITHOUT one is served only from an address of the allow-list
 *   (METRICS_ALLOWED_IPS: IPs and CIDRs, default loopback only; `none`:
 *   token only).
 *
 * So with neither variable set (production included) only the host itself
 * can scrape. The caller passes the client address as it trusts it: the web
 * process uses request.ip() (X-Forwarded-For only from TRUSTED_PROXIES and
 * loopback), the worker's own server the socket's address.
 */
export interface MetricsAccessRules {
  /** null: no token configured (only the allow-list can grant access) */
  token: string | null
  allowList: BlockList
}

export type MetricsAccessDecision = 'allowed' | 'bad_token' | 'not_allowed'

export const DEFAULT_ALLOWED_IPS = '127.0.0.1,::1'
export const MIN_TOKEN_LENGTH = 32

/** Parses "10.0.0.0/8, 192.168.1.7, ::1, fd00::/8" (or `none`: nobody); throws on an entry that is not an IP or CIDR */
export function parseAllowList(value: string): BlockList {
  if (value.trim().toLowerCase() === 'none') return new BlockList()
  return parseAddressList('METRICS_ALLOWED_IPS', value.split(','))
}

/** Constant-time comparison (both sides hashed first, so lengths leak nothing either) */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

export function decideMetricsAccess(
  rules: MetricsAccessRules,
  request: { ip: string | null | undefined; authorization: string | null | undefined }
): MetricsAccessDecision {
  if (request.authorization !== undefined && request.authorization !== null && request.authorization !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization)
    if (!rules.token || !match) return 'bad_token'
    return sameSecret(match[1], rules.token) ? 'allowed' : 'bad_token'
  }
  return addressInList(rules.allowList, request.ip) ? 'allowed' : 'not_allowed'
}
