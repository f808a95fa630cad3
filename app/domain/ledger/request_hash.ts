import { createHash } from 'node:crypto'

type Scalar = string | number | bigint | boolean | null | undefined

/**
 * sha256 of a request's canonical form (keys sorted, bigint as decimal
 * strings, undefined as null): two requests are "the same" for
 * idempotency when their hashes match.
 */
export function requestHash(fields: Record<string, Scalar>): string {
  const canonical = Object.keys(fields)
    .sort()
    .map((key) => {
      const value = fields[key]
      const normal = value === undefined ? null : typeof value === 'bigint' ? value.toString() : value
      return [key, normal]
    })
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex')
}
