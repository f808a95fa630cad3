import type { AccountAccessGrant } from '#domain/openbanking/consent'

/**
 * What one /api/v1 request may read of a customer's accounts: the
 * customer's own token reads everything of theirs; a partner's token
 * reads what the consent grants (chosen accounts, permissions, the
 * transaction window). The account endpoints take this one value, so
 * both callers go through the same code.
 */
export interface AccountAccess {
  customerId: number
  /** null: every account of the customer */
  accountIds: number[] | null
  grant: AccountAccessGrant
  /** bookings outside [from, to] are not visible (null: unbounded) */
  window: { from: Date | null; to: Date | null }
}

export const EVERYTHING: AccountAccessGrant = Object.freeze({
  accounts: true,
  accountDetail: true,
  balances: true,
  transactions: true,
  transactionDetail: true,
  directions: ['credit', 'debit'],
}) as AccountAccessGrant

export function ownerAccess(customerId: number): AccountAccess {
  return { customerId, accountIds: null, grant: EVERYTHING, window: { from: null, to: null } }
}

/** The later of two lower bounds and the earlier of two upper bounds */
export function narrowWindow(
  window: AccountAccess['window'],
  requested: { from: Date | null; to: Date | null }
): AccountAccess['window'] {
  const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b))
  const earlier = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b))
  return { from: later(window.from, requested.from), to: earlier(window.to, requested.to) }
}
