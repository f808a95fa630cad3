/**
 * The `kind` label of strongroom_ledger_postings_total: which posting a
 * call of a ledger function is, from the function's name (and, for the
 * cash function, its first argument). A bounded set: an unknown function
 * is "other", never its raw name.
 */
const BY_FUNCTION: Record<string, string> = {
  ledger_post_transfer: 'transfer',
  ledger_post_adjustment: 'adjustment',
  ledger_reverse_transaction: 'reversal',
  ledger_place_hold: 'hold',
  ledger_settle_hold: 'hold_settlement',
  ledger_hold_payment: 'held_payment',
  ledger_post_loan_disbursement: 'loan_disbursement',
  ledger_post_loan_repayment: 'loan_repayment',
  ledger_post_loan_write_off: 'loan_write_off',
  ledger_reverse_loan_repayment: 'loan_repayment_reversal',
}

const CASH_KINDS = new Set(['deposit', 'withdrawal'])

export const POSTING_KINDS = [...new Set([...Object.values(BY_FUNCTION), ...CASH_KINDS, 'other'])]

/** `call` is the SQL expression given to callLedgerFunction, e.g. `ledger_post_transfer(?::text, ...)` */
export function postingKind(call: string, bindings: readonly unknown[]): string {
  const name = /^\s*([a-z_][a-z0-9_]*)\s*\(/i.exec(call)?.[1]?.toLowerCase() ?? ''
  if (name === 'ledger_post_cash') {
    const kind = String(bindings[0])
    return CASH_KINDS.has(kind) ? kind : 'other'
  }
  return BY_FUNCTION[name] ?? 'other'
}
