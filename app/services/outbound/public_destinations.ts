import { lookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { Agent } from 'undici'

/**
 * Outbound HTTP to addresses a partner chose (event callbacks) may only
 * reach the public internet: a callback must not make the bank's servers
 * call its own network (SSRF: metadata services, databases, admin ports).
 * The check runs when the connection is made (undici's connect lookup), on
 * every address the name resolves to, so a name that resolves to a
 * private address, or re-resolves to one later (DNS rebinding), is
 * refused; IP literals are checked before connecting.
 */
const PRIVATE = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6')
}
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

export class PrivateDestinationError extends Error {
  constructor(readonly address: string) {
    super(`refused: the destination resolves to a non-public address (${address})`)
  }
}

/** Whether an IP address is outside the public internet (loopback allowed when asked: development, tests) */
export function isPrivateAddress(address: string, options: { allowLoopback: boolean }): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  const ip = mapped ? mapped[1] : address
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4'
  if (options.allowLoopback && LOOPBACK.check(ip, family)) return false
  return PRIVATE.check(ip, family)
}

/** An IP-literal URL host pointing outside the public internet, or null */
export function privateLiteral(url: URL, options: { allowLoopback: boolean }): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return isIP(host) && isPrivateAddress(host, options) ? host : null
}

/** An undici dispatcher whose connections reach public addresses only */
export function publicOnlyAgent(options: { allowLoopback: boolean }): Agent {
  return new Agent({
    connect: {
      lookup(hostname: string, lookupOptions: LookupOptions, callback: (...args: any[]) => void) {
        lookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error)
          const refused = addresses.find((a) => isPrivateAddress(a.address, options))
          if (refused) return callback(new PrivateDestinationError(refused.address))
          if (lookupOptions.all) return callback(null, addresses)
          callback(null, addresses[0].address, addresses[0].family)
        })
      },
    },
  })
}
