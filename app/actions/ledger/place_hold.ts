import type { DateTime } from 'luxon'
import type { Money } from '#domain/money/money'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { idempotencyScope, requestHash } from '#domain/ledger/request_hash'
import { type HoldRecord, toHoldRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import InvalidAmountException from '#exceptions/invalid_amount_exception'

export interface PlaceHoldInput {
  accountId: number
  amount: Money
  reason?: string | null
  expiresAt?: DateTime | null
  idempotencyKey: string
  ownerCustomerId?: number | null
  actor: Actor
  context?: RequestContext
}

/**
 * Reserves funds: `available` drops by the amount, nothing is posted.
 * Same rules as a debit (active account, verified customer, overdraft).
 * Throws: InvalidAmount, AccountNotFound, AccountFrozen, AccountClosed,
 * CurrencyMismatch, KycNotVerified, InsufficientFunds,
 * IdempotencyKeyReused, IdempotencyInFlight.
 */
export default class PlaceHold {
  async handle(input: PlaceHoldInput): Promise<{ hold: HoldRecord; replayed: boolean }> {
    if (!input.amount.isPositive()) {
      throw new InvalidAmountException()
    }
    const expiresAt = input.expiresAt ? input.expiresAt.toUTC().toISO() : null
    const hash = requestHash({
      accountId: input.accountId,
      amount: input.amount.minor,
      currency: input.amount.currency,
      reason: input.reason ?? null,
      expiresAt,
    })
    const row = await callLedgerFunction(
      `ledger_place_hold(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::text, ?::text,
        ?::timestamptz, ?::bigint, ?::jsonb)`,
      [
        idempotencyScope(input.actor),
        input.idempotencyKey,
        hash,
        input.accountId,
        input.amount.toMinorString(),
        input.amount.currency,
        input.reason ?? null,
        expiresAt,
        input.ownerCustomerId ?? null,
        JSON.stringify(auditEnvelope(input.actor, input.context)),
      ],
      undefined,
      { scope: idempotencyScope(input.actor), key: input.idempotencyKey }
    )
    return { hold: toHoldRecord(row), replayed: row.replayed === true }
  }
}
