import type { Money } from '#domain/money/money'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { type HoldRecord, toHoldRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import db from '@adonisjs/lucid/services/db'
import HoldNotFoundException from '#exceptions/hold_not_found_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'

export interface CaptureHoldInput {
  holdId: number
  /** Defaults to the full held amount; any remainder is released */
  amount?: Money
  /** Internal account credited (system_code), 'settlement' by default */
  counterpart?: 'settlement' | 'fee_income' | 'suspense'
  reference?: string | null
  actor: Actor
  context?: RequestContext
}

/**
 * Captures an active hold: posts a hold_capture transaction (debit the
 * customer, credit an internal account), marks the hold captured and
 * releases what was held beyond the captured amount. A hold is captured
 * or released once, so the call is naturally idempotent.
 * Throws: HoldNotFound, HoldNotActive, InvalidAmount, AccountFrozen,
 * AccountClosed, CurrencyMismatch.
 */
export default class CaptureHold {
  async handle(input: CaptureHoldInput): Promise<HoldRecord> {
    if (input.amount) {
      const hold = await db.from('holds').select('currency').where('id', input.holdId).first()
      if (!hold) throw new HoldNotFoundException()
      if (hold.currency !== input.amount.currency) throw new CurrencyMismatchException()
    }
    const row = await callLedgerFunction(
      'ledger_settle_hold(?::bigint, coalesce(?::bigint, (select amount from holds where id = ?)), ?::text, ?::text, ?::jsonb)',
      [
        input.holdId,
        input.amount ? input.amount.toMinorString() : null,
        input.holdId,
        input.counterpart ?? 'settlement',
        input.reference ?? null,
        JSON.stringify(auditEnvelope(input.actor, input.context)),
      ],
      undefined,
      { holdId: input.holdId }
    )
    return toHoldRecord(row)
  }
}
