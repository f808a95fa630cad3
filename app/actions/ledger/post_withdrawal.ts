import { type CashPostingInput, type CashPostingResult, postCash } from '#actions/ledger/post_cash'

/**
 * Cash out: debit the customer account, credit the vault cash.
 * Throws: InvalidAmount, AccountNotFound, AccountFrozen, AccountClosed,
 * CurrencyMismatch, KycNotVerified, InsufficientFunds,
 * IdempotencyKeyReused, IdempotencyInFlight.
 */
export default class PostWithdrawal {
  handle(input: CashPostingInput): Promise<CashPostingResult> {
    return postCash('withdrawal', input)
  }
}
