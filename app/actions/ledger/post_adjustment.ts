import type { Money } from '#domain/money/money'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { idempotencyScope, requestHash } from '#domain/ledger/request_hash'
import { type TransactionRecord, toTransactionRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import InvalidAmountException from '#exceptions/invalid_amount_exception'

export interface PostAdjustmentInput {
  accountId: number
  /** 'credit': the customer receives the amount from suspense; 'debit': the reverse */
  direction: 'credit' | 'debit'
  amount: Money
  reason: string
  reference?: string | null
  idempotencyKey: string
  actor: Actor
  /** Stored on the transaction row and the audit row (approval id, checker) */
  metadata?: Record<string, unknown>
  context?: RequestContext
  /** Join the caller's transaction (an approved four-eyes request); default: its own */
  trx?: TransactionClientContract
}

/**
 * Manual adjustment against the bank's suspense account, one call to
 * ledger_post_adjustment() (database/sql/ledger/ledger_post_adjustment.sql). Only ever run by the
 * 'ledger.adjustment' approval handler: adjustments are always four-eyes.
 * Throws: InvalidAmount, AccountNotFound, AccountFrozen (debit),
 * AccountClosed, CurrencyMismatch, InsufficientFunds (debit),
 * IdempotencyKeyReused, IdempotencyInFlight.
 */
export default class PostAdjustment {
  async handle(input: PostAdjustmentInput): Promise<{ transaction: TransactionRecord; replayed: boolean }> {
    if (!input.amount.isPositive()) {
      throw new InvalidAmountException()
    }
    const hash = requestHash({
      kind: 'adjustment',
      accountId: input.accountId,
      direction: input.direction,
      amount: input.amount.minor,
      currency: input.amount.currency,
      reason: input.reason,
      reference: input.reference ?? null,
    })
    const row = await callLedgerFunction(
      `ledger_post_adjustment(?::text, ?::text, ?::text, ?::bigint, ?::text, ?::bigint, ?::text, ?::text,
        ?::text, ?::jsonb, ?::jsonb)`,
      [
        idempotencyScope(input.actor),
        input.idempotencyKey,
        hash,
        input.accountId,
        input.direction,
        input.amount.toMinorString(),
        input.amount.currency,
        input.reason,
        input.reference ?? null,
        JSON.stringify(input.metadata ?? {}),
        JSON.stringify(auditEnvelope(input.actor, input.context, input.metadata ?? {})),
      ],
      input.trx,
      { scope: idempotencyScope(input.actor), key: input.idempotencyKey }
    )
    return { transaction: toTransactionRecord(row), replayed: row.replayed === true }
  }
}
