import type { EncryptionContext } from '#services/keys/key_provider'

/** The context as bytes for an AAD: keys sorted, JSON, so the same context always gives the same bytes */
export function canonicalContext(context: EncryptionContext): Buffer {
  const sorted = Object.fromEntries(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return Buffer.from(JSON.stringify(sorted), 'utf8')
}
