import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { type HoldRecord, toHoldRecord } from '#domain/ledger/records'
import { callLedgerFunction } from '#services/ledger/ledger_functions'

export interface ReleaseHoldInput {
  holdId: number
  actor: Actor
  context?: RequestContext
}

/**
 * Releases an active hold: its amount returns to `available`.
 * Throws: HoldNotFound, HoldNotActive.
 */
export default class ReleaseHold {
  async handle(input: ReleaseHoldInput): Promise<HoldRecord> {
    const row = await callLedgerFunction(
      'ledger_settle_hold(?::bigint, null::bigint, null::text, null::text, ?::jsonb)',
      [input.holdId, JSON.stringify(auditEnvelope(input.actor, input.context))],
      undefined,
      { holdId: input.holdId }
    )
    return toHoldRecord(row)
  }
}
