import type { DomainException } from '#exceptions/domain_exception'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import AccountClosedException from '#exceptions/account_closed_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import SameAccountException from '#exceptions/same_account_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import IdempotencyInFlightException from '#exceptions/idempotency_in_flight_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import TransactionNotFoundException from '#exceptions/transaction_not_found_exception'
import TransactionAlreadyReversedException from '#exceptions/transaction_already_reversed_exception'
import TransactionNotReversibleException from '#exceptions/transaction_not_reversible_exception'
import HoldNotFoundException from '#exceptions/hold_not_found_exception'
import HoldNotActiveException from '#exceptions/hold_not_active_exception'
import BackdatingRefusedException from '#exceptions/backdating_refused_exception'

type ExceptionClass = new (message?: string, options?: ErrorOptions) => DomainException

/** SQLSTATEs raised by ledger_raise() in the posting functions (database/sql/ledger) */
const BY_SQLSTATE: Record<string, ExceptionClass> = {
  SRL01: InsufficientFundsException,
  SRL02: AccountNotFoundException,
  SRL03: AccountFrozenException,
  SRL04: AccountClosedException,
  SRL05: CurrencyMismatchException,
  SRL06: SameAccountException,
  SRL07: KycNotVerifiedException,
  SRL08: IdempotencyKeyReusedException,
  SRL09: IdempotencyInFlightException,
  SRL10: InvalidAmountException,
  SRL11: TransactionAlreadyReversedException,
  SRL12: HoldNotActiveException,
  SRL13: HoldNotFoundException,
  SRL14: TransactionNotFoundException,
  SRL15: TransactionNotReversibleException,
  SRL56: BackdatingRefusedException,
}

/** Constraint violations that are the last line of defence behind the functions' checks */
const BY_CONSTRAINT: Record<string, ExceptionClass> = {
  accounts_available_within_overdraft: InsufficientFundsException,
  idempotency_keys_scope_key_unique: IdempotencyInFlightException,
  ledger_transactions_reverses_id_unique: TransactionAlreadyReversedException,
}

export const RETRYABLE_SQLSTATES = new Set(['40001', '40P01'])

/** The domain exception for a PostgreSQL error, or the error itself */
export function mapLedgerError(error: any): unknown {
  const code: string | undefined = error?.code
  const Known =
    (code && BY_SQLSTATE[code]) || (error?.constraint && BY_CONSTRAINT[error.constraint]) || null
  if (!Known) {
    return error
  }
  const detail: string | undefined = code?.startsWith('SRL') ? error.detail : undefined
  return new Known(detail || undefined, { cause: error })
}
