import { Money } from '#domain/money/money'
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

/**
 * Four-eyes over a rolling window (pure). `bookedTotals` are the minor
 * units already booked in the window, in the posting's currency, by each
 * running total the posting joins (its staff member's, and each of its
 * customer accounts'). True when the posting alone is above the limit or
 * would take any of those totals above it: that posting waits for a second
 * staff member. Postings that merely reach the limit exactly still book.
 */
export function crossesRollingLimit(amount: Money, bookedTotals: readonly bigint[], limit: string): boolean {
  if (exceedsPostingLimit(amount, limit)) return true
  return bookedTotals.some((booked) => exceedsPostingLimit(Money.of(booked + amount.minor, amount.currency), limit))
}
