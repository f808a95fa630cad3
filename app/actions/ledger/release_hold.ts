import { type Actor, auditEnvelope } from '#domain/ledger/actor'
import { type HoldRecord, toHoldRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'

export interface ReleaseHoldInput {
  holdId: number
  actor: Actor
  requestId?: string
  ip?: string
}

/**
 * Releases an active hold: its amount returns to `available`.
 * Throws: HoldNotFound, HoldNotActive.
 */
export default class ReleaseHold {
  async handle(input: ReleaseHoldInput): Promise<HoldRecord> {
    const row = await callLedgerFunction(
      'ledger_settle_hold(?::bigint, null::bigint, null::text, null::text, ?::jsonb)',
      [input.holdId, JSON.stringify(auditEnvelope(input.actor, input))]
    )
    return toHoldRecord(row)
  }
}
