import { addressInList, parseAddressList } from '#services/http/address_list'

/**
 * TRUSTED_PROXIES: the reverse proxies (load balancer, ingress) whose
 * X-Forwarded-For / -Proto / -Host this app believes. Comma-separated IPs
 * and CIDRs ("10.0.0.0/8, 192.168.1.7, fd00::/8"); '*' trusts every hop
 * (only when nothing but the proxy can reach the app); loopback is always
 * trusted. Anyone else's X-Forwarded-* is ignored: otherwise a client could
 * pick its own IP (and dodge the per-IP rate limits) or its own protocol.
 *
 * Used by the HTTP server's `trustProxy` (config/app.ts: request.ip(),
 * request.protocol(), request.host()) and by the OAuth authorization
 * server (#middleware/oauth_middleware), so both see the same client.
 */
export interface TrustedProxies {
  /** Whether a connection from `address` (the socket's peer) is a trusted proxy */
  trusts(address: string | undefined): boolean
}

const LOOPBACK = ['127.0.0.0/8', '::1/128']

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  if (entries.includes('*')) return { trusts: () => true }
  const list = parseAddressList('TRUSTED_PROXIES', [...LOOPBACK, ...entries])
  return { trusts: (address) => addressInList(list, address) }
}
