import { type CashPostingInput, type CashPostingResult, postCash } from '#actions/ledger/post_cash'

/**
 * Cash in: debit the bank's vault cash, credit the customer account.
 * Frozen accounts may be credited; closed ones may not.
 * Throws: InvalidAmount, AccountNotFound, AccountClosed, CurrencyMismatch,
 * IdempotencyKeyReused, IdempotencyInFlight.
 */
export default class PostDeposit {
  handle(input: CashPostingInput): Promise<CashPostingResult> {
    return postCash('deposit', input)
  }
}
