import type { Money } from '#domain/money/money'

/** An amount as the server sends it: Money's JSON form, a decimal string and its currency */
export type Amount = ReturnType<Money['toJSON']>

/**
 * Amounts arrive from the server as decimal strings in the currency's
 * exponent ("1234.50"); the browser only adds grouping, never arithmetic.
 */
export function formatAmount({ amount, currency }: Amount) {
  const negative = amount.startsWith('-')
  const [whole, fraction] = (negative ? amount.slice(1) : amount).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '−' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''} ${currency}`
}
