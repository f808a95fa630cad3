import type { Money } from '#domain/money/money'

/**
 * What the anomaly rules look at (pure): one event and the customer's
 * recent history around it (RiskFacts). The posting path and `risk:scan`
 * build both; the rules in #domain/risk/rules never read the database.
 */

/** What happened. `payment` and `withdrawal` move money out of the account */
export type RiskEventKind =
  | 'payment'
  | 'withdrawal'
  | 'deposit'
  | 'login_failed'
  | 'login'
  | 'token_issued'
  | 'consent'

export const RISK_EVENT_KINDS: readonly RiskEventKind[] = [
  'payment',
  'withdrawal',
  'deposit',
  'login_failed',
  'login',
  'token_issued',
  'consent',
]

/** Where it came from: the customer API, a teller at the counter, a partner (TPP) */
export type RiskChannel = 'api' | 'teller' | 'partner'

export interface RiskEvent {
  kind: RiskEventKind
  /** When it happened (for a posting being assessed: now) */
  at: Date
  customerId: number
  /** The customer account moved (debited for payment/withdrawal, credited for deposit); null for logins */
  accountId: number | null
  /** The amount moved; null for events that move no money */
  amount: Money | null
  /** The destination customer account of a payment (null: none, or outside the bank) */
  payeeAccountId: number | null
  channel: RiskChannel
}

/**
 * The customer's history around the event, computed in one SQL query
 * (app/queries/risk/risk_facts_query.ts) with the windows of the active
 * configuration (riskFactWindows()). Every amount is bigint minor units of
 * the event's currency (0n for events without an amount); history in other
 * currencies is not counted. Windows end just before the event: the event
 * itself is never part of its facts.
 */
export interface RiskFacts {
  /** The customer's outgoing payments + withdrawals in the velocity window */
  velocity: { count: number; total: bigint }
  /** The customer's outgoing payments + withdrawals over the pattern window (90 days by default) */
  pattern: { count: number; mean: bigint; max: bigint }
  /** Amounts of the customer's cash deposits/withdrawals in the structuring window within structuringBounds() */
  nearThreshold: bigint[]
  /** When this customer first paid the payee account (null: never) */
  payeeFirstPaidAt: Date | null
  /** The account's last customer-initiated movement before this event (null: none ever) */
  lastActivityAt: Date | null
  /** Money received by the account within the rapid in-out window */
  receivedInWindow: bigint
  /** The customer's failed logins within the failed-login burst window */
  failedLogins: number
  /** When the device / IP of this event was first seen for this customer (null: the event has no device, e.g. teller) */
  deviceFirstSeenAt: Date | null
}

/** Facts of a customer with no history at all */
export function emptyFacts(): RiskFacts {
  return {
    velocity: { count: 0, total: 0n },
    pattern: { count: 0, mean: 0n, max: 0n },
    nearThreshold: [],
    payeeFirstPaidAt: null,
    lastActivityAt: null,
    receivedInWindow: 0n,
    failedLogins: 0,
    deviceFirstSeenAt: null,
  }
}

/** Payments and withdrawals: the events a 'review' can hold and a 'block' can refuse */
export function movesMoneyOut(kind: RiskEventKind): boolean {
  return kind === 'payment' || kind === 'withdrawal'
}
