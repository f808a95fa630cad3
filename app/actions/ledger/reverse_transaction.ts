import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { idempotencyScope, requestHash } from '#domain/ledger/request_hash'
import { type TransactionRecord, toTransactionRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'

export interface ReverseTransactionInput {
  transactionId: number
  reason: string
  actor: Actor
  /** Optional: the reversal is already unique per transaction (reverses_id) */
  idempotencyKey?: string
  /** Extra audit metadata (an approved request: approval id and checker) */
  metadata?: Record<string, unknown>
  context?: RequestContext
  /** Join the caller's transaction (an approved four-eyes request); default: its own */
  trx?: TransactionClientContract
}

/**
 * Books a reversal: a new transaction with the mirrored entries, linked to
 * the original by reverses_id (a transaction is reversed at most once).
 * Reversals follow the normal posting rules: the account they debit must
 * be active and stay within its overdraft, closed accounts are untouched.
 * When that fails, staff correct through suspense with an adjustment.
 * Throws: TransactionNotFound, TransactionNotReversible,
 * TransactionAlreadyReversed, AccountFrozen, AccountClosed,
 * InsufficientFunds, IdempotencyKeyReused, IdempotencyInFlight.
 */
export default class ReverseTransaction {
  async handle(input: ReverseTransactionInput): Promise<{ reversal: TransactionRecord; replayed: boolean }> {
    const row = await callLedgerFunction(
      'ledger_reverse_transaction(?::text, ?::text, ?::text, ?::bigint, ?::text, ?::jsonb)',
      [
        idempotencyScope(input.actor),
        input.idempotencyKey ?? null,
        requestHash({ reverse: input.transactionId, reason: input.reason }),
        input.transactionId,
        input.reason,
        JSON.stringify(auditEnvelope(input.actor, input.context, input.metadata ?? {})),
      ],
      input.trx,
      input.idempotencyKey
        ? { scope: idempotencyScope(input.actor), key: input.idempotencyKey }
        : { reversalOf: input.transactionId }
    )
    return { reversal: toTransactionRecord(row), replayed: row.replayed === true }
  }
}
