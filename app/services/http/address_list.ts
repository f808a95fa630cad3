import { BlockList, isIP } from 'node:net'

/**
 * A list of IP addresses and CIDRs from a setting ("10.0.0.0/8,
 * 192.168.1.7, fd00::/8"), as TRUSTED_PROXIES and METRICS_ALLOWED_IPS
 * take them. A bad entry throws, naming the variable, so a typo stops the
 * boot instead of silently trusting or refusing someone.
 */
export function parseAddressList(variable: string, entries: string[]): BlockList {
  const list = new BlockList()
  for (const raw of entries) {
    const entry = raw.trim()
    if (!entry) continue
    const [address, prefix, extra] = entry.split('/')
    const family = isIP(address)
    if (!family || extra !== undefined) throw new Error(`${variable}: "${entry}" is not an IP address or CIDR`)
    const maxBits = family === 4 ? 32 : 128
    const bits = prefix === undefined ? maxBits : Number(prefix)
    if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || bits > maxBits)) {
      throw new Error(`${variable}: "${entry}" has an invalid prefix length`)
    }
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6')
  }
  return list
}

/** Whether `ip` is in the list; an IPv4-mapped IPv6 address (::ffff:10.0.0.1) counts as its IPv4 address */
export function addressInList(list: BlockList, ip: string | null | undefined): boolean {
  if (!ip) return false
  const address = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip
  const family = isIP(address)
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6')
}
