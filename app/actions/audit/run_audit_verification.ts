import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AuditVerification from '#models/audit_verification'
import type StaffUser from '#models/staff_user'
import AuditSealer, { type SealResult } from '#services/audit/audit_sealer'
import AuditVerifier, { type AuditProgress, type AuditVerification as Report } from '#services/audit/audit_verifier'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type { AuditCheckpoint } from '#domain/audit/checkpoint'

export interface RunAuditVerificationInput {
  /** the staff member running it from the backoffice; null for `node ace audit:verify` */
  runBy: StaffUser | null
  source: 'backoffice' | 'cli'
  /** seal committed rows first, so the run covers everything written so far */
  sealFirst: boolean
  context: RequestContext
  batchSize?: number
  onProgress?: AuditProgress
  /** `audit:verify --checkpoint`: a checkpoint whose signature was checked; its block must still match */
  checkpoint?: AuditCheckpoint
}

/**
 * Seals pending audit rows (optionally), verifies every row hash and the
 * block chain (AuditVerifier, its own repeatable-read snapshot), then
 * stores the run in audit_verifications with its 'audit.verified' audit
 * row, in one transaction. A broken chain is a result, not an exception.
 */
@inject()
export default class RunAuditVerification {
  constructor(
    private sealer: AuditSealer,
    private verifier: AuditVerifier
  ) {}

  async handle(input: RunAuditVerificationInput) {
    const startedAt = DateTime.now()
    const sealed: SealResult | null = input.sealFirst ? await this.sealer.seal() : null
    const report: Report = await this.verifier.verify({
      batchSize: input.batchSize,
      onProgress: input.onProgress,
      checkpoint: input.checkpoint,
    })

    const run = await db.transaction(async (trx) => {
      const row = await AuditVerification.create(
        {
          startedAt,
          finishedAt: DateTime.now(),
          ok: report.ok,
          lastVerifiedBlock: report.lastVerifiedBlock?.id ?? null,
          breaks: report.breaks,
          runBy: input.runBy?.id ?? null,
          source: input.source,
          rowsChecked: report.rowsChecked,
          blocksChecked: report.blocksChecked,
          unsealedRows: report.unsealedRows,
          sealedNow: sealed?.events ?? 0,
        },
        { client: trx }
      )
      await AuditTrail.record(
        {
          actor: input.runBy ? { type: 'staff', id: input.runBy.id } : { type: 'system' },
          action: 'audit.verified',
          subject: { type: 'audit_verification', id: row.id },
          after: {
            ok: report.ok,
            breaks: report.breaks.length,
            last_verified_block: report.lastVerifiedBlock,
            rows_checked: report.rowsChecked,
            blocks_checked: report.blocksChecked,
          },
          metadata: {
            source: input.source,
            sealed_now: sealed?.events ?? 0,
            ...(input.checkpoint ? { checkpoint_block: input.checkpoint.blockId, checkpoint_key: input.checkpoint.keyId } : {}),
          },
          ...input.context,
        },
        trx
      )
      return row
    })
    return { run, report, sealed }
  }
}
