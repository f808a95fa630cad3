import Factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import AuditVerification from '#models/audit_verification'
import type { AuditBreak } from '#domain/audit/audit_break'
import { StaffUserFactory } from '#database/factories/staff_user_factory'

/**
 * Runs of the audit chain verification, as the chain status panel lists
 * them. A real run is RunAuditVerification (it seals, verifies the whole
 * chain and writes its 'audit.verified' audit row with this one); a test
 * that needs a run to have happened calls that action. This factory saves
 * the operational row only (the table is not append-only and holds no
 * evidence), for tests about how past runs are shown.
 *
 * Default: a successful run from the command line that checked nothing.
 * States: `broken` (not ok, one break at block 1), `fromBackoffice`
 * (source backoffice; merge runBy or use `.with('runner')`).
 */
export const AuditVerificationFactory = Factory.define(AuditVerification, () => ({
  startedAt: DateTime.now().minus({ seconds: 1 }),
  finishedAt: DateTime.now(),
  ok: true,
  lastVerifiedBlock: null,
  breaks: [] as AuditBreak[],
  runBy: null,
  source: 'cli' as const,
  rowsChecked: 0,
  blocksChecked: 0,
  unsealedRows: 0,
  sealedNow: 0,
}))
  .state('broken', (run) => {
    run.ok = false
    run.breaks = [{ kind: 'block_hash', blockId: 1, message: 'block 1: block_hash does not match its rows' }]
  })
  .state('fromBackoffice', (run) => {
    run.source = 'backoffice'
  })
  .relation('runner', () => StaffUserFactory)
  .build()
