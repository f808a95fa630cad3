/**
 * The kinds of `accounts` rows: customers' deposit accounts (current,
 * savings: credit-normal liabilities of the bank), the bank's own
 * accounts (internal), and a loan's receivable (loan: debit-normal, owned
 * by the borrower, moved only by the loan's postings). Customers pay from
 * and into deposit accounts only; ledger_credit_check / ledger_debit_check
 * hold the same rule in the database.
 */
export const DEPOSIT_ACCOUNT_KINDS = ['current', 'savings'] as const
export type DepositAccountKind = (typeof DEPOSIT_ACCOUNT_KINDS)[number]

export function isDepositAccount(kind: string): kind is DepositAccountKind {
  return (DEPOSIT_ACCOUNT_KINDS as readonly string[]).includes(kind)
}
