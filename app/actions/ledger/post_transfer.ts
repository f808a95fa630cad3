import type { Money } from '#domain/money/money'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { idempotencyScope, transferRequestHash } from '#domain/ledger/request_hash'
import { type TransferRecord, toTransactionRecord } from '#domain/ledger/records'
import { postTransferFunction } from '#services/ledger/ledger_functions'
import InvalidAmountException from '#exceptions/invalid_amount_exception'

export interface PostTransferInput {
  actor: Actor
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: Money
  reference?: string | null
  idempotencyKey: string
  /** When set, the debtor account must belong to this customer (else E_ACCOUNT_NOT_FOUND) */
  ownerCustomerId?: number | null
  /** Extra audit metadata (an approved request: approval id and checker) */
  metadata?: Record<string, unknown>
  context?: RequestContext
  /** Join the caller's transaction (an approved four-eyes request); default: its own */
  trx?: TransactionClientContract
  /**
   * Customer payments only: limits and dynamic linking checked by
   * payment_guard() in the same transaction (#actions/payments/pay_from_api)
   */
  payment?: PaymentGuard | null
}

/** payment_guard()'s parameters: default limits, threshold, exemption (minor units), authorisation */
export interface PaymentGuard {
  single: bigint
  daily: bigint
  threshold: bigint
  exemption: bigint
  authorisationId: string | null
}

/**
 * Transfer between two customer accounts in one currency: debit the
 * debtor, credit the creditor. ledger_post_transfer() (idempotency,
 * ascending-id row locks, rules, entries, balances, key, audit row and the
 * 'ledger.posted' job) in one transaction: the caller's, or, with
 * LEDGER_BATCHING on, one shared with the transfers in flight at the same
 * time (the posting batcher: one commit for all, each booked or refused on
 * its own). Idempotent per actor and key; the request hash is computed
 * here, from the input (transferRequestHash).
 *
 * Throws: InvalidAmount, AccountNotFound, AccountFrozen, AccountClosed,
 * CurrencyMismatch, SameAccount, KycNotVerified, InsufficientFunds,
 * IdempotencyKeyReused, IdempotencyInFlight; with `payment`, the raw
 * SRL20 (limit) / SRL21 (dynamic linking) errors that PayFromApi maps.
 */
export default class PostTransfer {
  async handle(input: PostTransferInput): Promise<{ transfer: TransferRecord; replayed: boolean }> {
    if (!input.amount.isPositive()) {
      throw new InvalidAmountException()
    }
    const creditorId = 'accountId' in input.creditor ? input.creditor.accountId : null
    const creditorNumber = 'accountNumber' in input.creditor ? input.creditor.accountNumber : null
    const audit = auditEnvelope(input.actor, input.context, input.metadata ?? {})

    const scope = idempotencyScope(input.actor)
    const row = await postTransferFunction(
      {
        scope,
        key: input.idempotencyKey,
        request_hash: transferRequestHash(input),
        debtor: input.debtorAccountId,
        creditor_id: creditorId,
        creditor_number: creditorNumber,
        amount: input.amount.toMinorString(),
        currency: input.amount.currency,
        reference: input.reference ?? null,
        owner_customer: input.ownerCustomerId ?? null,
        audit,
        payment: input.payment ? paymentGuardJson(input.payment) : null,
      },
      input.trx,
      { scope, key: input.idempotencyKey }
    )
    return { transfer: toTransactionRecord(row), replayed: row.replayed === true }
  }
}

/** payment_guard()'s p_payment (minor units as strings) */
export function paymentGuardJson(payment: PaymentGuard) {
  return {
    single_limit: payment.single.toString(),
    daily_limit: payment.daily.toString(),
    threshold: payment.threshold.toString(),
    exemption: payment.exemption.toString(),
    authorisation_id: payment.authorisationId,
  }
}
