import type { Money } from '#domain/money/money'
import { currencyExponent } from '#domain/money/currencies'

const DECIMAL = /^(\d{1,18})(?:\.(\d{1,6}))?$/

/**
 * Four-eyes threshold of backoffice postings: `limit` is a decimal in the
 * posting's own currency ("10000.00" GBP, "10000" JPY). True when the
 * amount is strictly above it. Exact: both sides are compared as integers
 * scaled to the larger number of decimals, never as floats.
 */
export function exceedsPostingLimit(amount: Money, limit: string): boolean {
  const match = DECIMAL.exec(limit.trim())
  if (!match) throw new Error(`Not a decimal posting limit: "${limit}"`)
  const [, whole, fraction = ''] = match
  const exponent = currencyExponent(amount.currency)
  const scale = Math.max(exponent, fraction.length)
  const limitScaled = BigInt(whole + fraction.padEnd(scale, '0'))
  const amountScaled = amount.minor * 10n ** BigInt(scale - exponent)
  return amountScaled > limitScaled
}
