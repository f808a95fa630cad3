import { Money } from '#domain/money/money'
import { currencyExponent } from '#domain/money/currencies'

/**
 * Exact arithmetic for the rule thresholds (pure). Money thresholds are
 * decimal strings written once for every currency ("10000.00" is 10,000.00
 * GBP and 10,000 JPY); ratios (5 × the mean, 0.8 × a threshold) are numbers
 * with at most RATIO_DECIMALS decimals. Both become exact fractions of
 * bigints (the pattern of #domain/ledger/posting_limit): no float ever
 * touches an amount.
 */

export const DECIMAL_AMOUNT = /^(\d{1,15})(?:\.(\d{1,6}))?$/
export const RATIO_DECIMALS = 4
const RATIO_SCALE = 10n ** BigInt(RATIO_DECIMALS)

interface Fraction {
  num: bigint
  den: bigint
}

export function isDecimalAmount(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_AMOUNT.test(value)
}

/** A ratio that has an exact value in ten-thousandths (0.8, 5, 1.25) */
export function isExactRatio(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1_000_000) return false
  const scaled = value * Number(RATIO_SCALE)
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}

/** A decimal threshold in minor units of `currency`, as an exact fraction */
function minorOf(decimal: string, currency: string): Fraction {
  const match = DECIMAL_AMOUNT.exec(decimal)
  if (!match) throw new Error(`Not a decimal amount: "${decimal}"`)
  const [, whole, fraction = ''] = match
  const exponent = currencyExponent(currency)
  const scale = Math.max(exponent, fraction.length)
  return { num: BigInt(whole + fraction.padEnd(scale, '0')), den: 10n ** BigInt(scale - exponent) }
}

function ratioOf(ratio: number): Fraction {
  if (!isExactRatio(ratio)) throw new Error(`Not a ratio with at most ${RATIO_DECIMALS} decimals: ${ratio}`)
  return { num: BigInt(Math.round(ratio * Number(RATIO_SCALE))), den: RATIO_SCALE }
}

function ceilDiv(num: bigint, den: bigint): bigint {
  return num / den + (num % den === 0n ? 0n : 1n)
}

/** minor > threshold (strictly above), exactly */
export function minorAbove(minor: bigint, currency: string, threshold: string): boolean {
  const t = minorOf(threshold, currency)
  return minor * t.den > t.num
}

/** amount > ratio × base (strictly above), exactly */
export function aboveMultiple(amount: bigint, ratio: number, base: bigint): boolean {
  const r = ratioOf(ratio)
  return amount * r.den > r.num * base
}

/**
 * The integer range [fromMinor, belowMinor) of amounts in
 * [floorRatio × threshold, threshold): the "just below the threshold" band
 * of the structuring rule, for the SQL that collects RiskFacts.nearThreshold.
 */
export function nearThresholdBounds(
  threshold: string,
  floorRatio: number,
  currency: string
): { fromMinor: bigint; belowMinor: bigint } {
  const t = minorOf(threshold, currency)
  const r = ratioOf(floorRatio)
  return { fromMinor: ceilDiv(r.num * t.num, r.den * t.den), belowMinor: ceilDiv(t.num, t.den) }
}

/** Compares two decimal strings exactly (-1, 0, 1), whatever their decimals */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = minorOf(a, 'JPY')
  const y = minorOf(b, 'JPY')
  const left = x.num * y.den
  const right = y.num * x.den
  return left < right ? -1 : left > right ? 1 : 0
}

/** "1234.50 GBP", for reasons */
export function formatMinor(minor: bigint, currency: string): string {
  return `${Money.of(minor, currency).toDecimalString()} ${currency}`
}

/** amount / base with one decimal, rounded down ("12.5"), for reasons; base > 0 */
export function formatMultiple(amount: bigint, base: bigint): string {
  const tenths = (amount * 10n) / base
  return `${tenths / 10n}.${tenths % 10n}`
}
