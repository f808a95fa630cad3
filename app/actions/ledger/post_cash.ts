import type { Money } from '#domain/money/money'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { idempotencyScope, requestHash } from '#domain/ledger/request_hash'
import { type TransactionRecord, toTransactionRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import InvalidAmountException from '#exceptions/invalid_amount_exception'

export interface CashPostingInput {
  accountId: number
  amount: Money
  reference?: string | null
  idempotencyKey: string
  /** When set, the account must belong to this customer */
  ownerCustomerId?: number | null
  actor: Actor
  /** Extra audit metadata (an approved request: approval id and checker) */
  metadata?: Record<string, unknown>
  context?: RequestContext
  /** Join the caller's transaction (an approved four-eyes request); default: its own */
  trx?: TransactionClientContract
}

export interface CashPostingResult {
  transaction: TransactionRecord
  replayed: boolean
}

/**
 * Shared by PostDeposit and PostWithdrawal: one call to ledger_post_cash().
 * Idempotent per actor and key; the request hash covers kind, account,
 * amount, currency and reference.
 */
export async function postCash(
  kind: 'deposit' | 'withdrawal',
  input: CashPostingInput
): Promise<CashPostingResult> {
  if (!input.amount.isPositive()) {
    throw new InvalidAmountException()
  }
  const hash = requestHash({
    kind,
    accountId: input.accountId,
    amount: input.amount.minor,
    currency: input.amount.currency,
    reference: input.reference ?? null,
  })
  const row = await callLedgerFunction(
    `ledger_post_cash(?::text, ?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::text, ?::text,
      ?::bigint, ?::jsonb)`,
    [
      kind,
      idempotencyScope(input.actor),
      input.idempotencyKey,
      hash,
      input.accountId,
      input.amount.toMinorString(),
      input.amount.currency,
      input.reference ?? null,
      input.ownerCustomerId ?? null,
      JSON.stringify(auditEnvelope(input.actor, input.context, input.metadata ?? {})),
    ],
    input.trx,
    { scope: idempotencyScope(input.actor), key: input.idempotencyKey }
  )
  return { transaction: toTransactionRecord(row), replayed: row.replayed === true }
}
