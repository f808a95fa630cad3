import { BlockList, isIP } from 'node:net'

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
  const list = new BlockList()
  for (const entry of [...LOOPBACK, ...entries]) {
    const [address, prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix)
    if (!family || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) || bits > (family === 4 ? 32 : 128)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`)
    }
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6')
  }
  return {
    trusts(address) {
      if (!address) return false
      /* an IPv4-mapped IPv6 peer (::ffff:10.0.0.1) counts as its IPv4 address */
      const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address
      const family = isIP(ip)
      return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6')
    },
  }
}
