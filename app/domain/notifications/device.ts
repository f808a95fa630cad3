import { createHmac } from 'node:crypto'

/**
 * The device a customer signs in from, as notifications know it: the
 * client IP and the User-Agent, keyed-hashed (HMAC-SHA256, key from
 * config/notifications.ts) so the stored value reveals neither (the IPv4
 * space is small enough to reverse a plain hash). Pure.
 */
export function deviceHash(key: Buffer, ip: string | null, userAgent: string | null): string {
  return createHmac('sha256', key)
    .update(`${ip ?? ''}\n${(userAgent ?? '').slice(0, 512)}`)
    .digest('hex')
}
