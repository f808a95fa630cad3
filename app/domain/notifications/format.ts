import { Money } from '#domain/money/money'

/**
 * How notification texts show values. Pure. Amounts come as integer minor
 * units in a string ('123456') and are formatted exactly through Money
 * (never a float): `GBP 1,234.56`, `JPY 1,200`, `KWD 0.250`.
 */
export function formatAmount(minor: string, currency: string): string {
  const decimal = Money.fromMinorString(minor, currency).toDecimalString()
  const negative = decimal.startsWith('-')
  const [whole, fraction] = (negative ? decimal.slice(1) : decimal).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${currency} ${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

/** The last four characters of an account number: what a notification shows of it */
export function accountEnding(accountNumber: string): string {
  return accountNumber.slice(-4)
}

/** An instant as the texts show it, in UTC: `2026-03-04 14:05 UTC` */
export function formatUtc(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`Not an ISO timestamp: "${iso}"`)
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
