import { REJECTED_KYC } from '#database/demo/demo_bank'
import { type DemoAccountKind, FULL_HISTORY_CUSTOMERS } from '#database/demo/demo_history'

/**
 * What is left open in the demo bank after its history, so that the
 * backoffice has work in it: frozen accounts, and four-eyes requests that a
 * teller filed and nobody has decided yet. Pure and deterministic.
 */
export interface DemoFreeze {
  customer: number
  account: DemoAccountKind
  reason: string
}

/** Rejected-KYC customers: both accounts; customers 8, 18, … (with a full history): the savings account */
export function demoFreezes(customers: number): DemoFreeze[] {
  const out: DemoFreeze[] = []
  for (let index = 1; index <= customers; index++) {
    if (REJECTED_KYC.has(index)) {
      for (const account of ['current', 'savings'] as const) {
        out.push({ customer: index, account, reason: 'KYC rejected: identity could not be verified' })
      }
    } else if (index % 10 === 8 && index <= FULL_HISTORY_CUSTOMERS) {
      out.push({ customer: index, account: 'savings', reason: 'Suspected fraud reported by the customer: under investigation' })
    }
  }
  return out
}

export interface DemoPendingRequest {
  /** The teller form's idempotency key: a re-run files nothing new */
  key: string
  kind: 'deposit' | 'withdrawal' | 'transfer'
  customer: number
  account: DemoAccountKind
  to?: { customer: number; account: DemoAccountKind }
  /** Multiple of the four-eyes limit, in tenths (25 = 2.5 x the limit): always above it, whatever it is */
  tenthsOfLimit: bigint
  reference: string
}

/** Teller requests above the four-eyes limit, waiting for a second staff member (when the customers exist) */
export const DEMO_PENDING_REQUESTS: DemoPendingRequest[] = [
  { key: 'demo-approval-1', kind: 'deposit', customer: 2, account: 'current', tenthsOfLimit: 25n, reference: 'Cash takings: sale of business stock' },
  { key: 'demo-approval-2', kind: 'withdrawal', customer: 4, account: 'savings', tenthsOfLimit: 12n, reference: 'Cash for a car purchase' },
  { key: 'demo-approval-3', kind: 'transfer', customer: 1, account: 'current', to: { customer: 5, account: 'current' }, tenthsOfLimit: 15n, reference: 'Family loan' },
]
