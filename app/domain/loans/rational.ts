/**
 * Exact integer arithmetic for the loan rules: every amount is a bigint of
 * minor units and every rate a ratio of bigints, so no result ever passes
 * through a JS number.
 *
 * Rounding rule (ROUNDING_RULE): half-up on the exact rational, i.e. a
 * fraction of exactly one half of a minor unit rounds away from zero
 * (amounts are never negative here, so that is upwards).
 */

export const ROUNDING_RULE =
  'Half-up to the minor unit, applied once to the exact rational result (bigint numerator/denominator); ' +
  'x.5 minor units round up. Intermediate values are never rounded.'

/** round-half-up(numerator / denominator) for numerator >= 0, denominator > 0 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive')
  if (numerator < 0n) throw new RangeError('numerator must not be negative')
  return (numerator * 2n + denominator) / (denominator * 2n)
}

/** ceil(numerator / denominator) for numerator >= 0, denominator > 0 */
export function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive')
  if (numerator < 0n) throw new RangeError('numerator must not be negative')
  return (numerator + denominator - 1n) / denominator
}

export function minBigInt(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

export function sumBigInt(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const value of values) total += value
  return total
}
