import { BaseTransformer } from '@adonisjs/core/transformers'
import type AuditVerification from '#models/audit_verification'

/** A verification run on the chain status panel (runner preloaded) */
export default class AuditVerificationTransformer extends BaseTransformer<AuditVerification> {
  toObject() {
    const run = this.resource
    return {
      id: Number(run.id),
      startedAt: run.startedAt.toUTC().toISO(),
      finishedAt: run.finishedAt.toUTC().toISO(),
      ok: run.ok,
      lastVerifiedBlock: run.lastVerifiedBlock,
      breaks: (run.breaks ?? []).map((b) => ({ kind: b.kind, message: b.message })),
      source: run.source,
      runBy: run.runner ? { id: Number(run.runner.id), email: run.runner.email } : null,
      rowsChecked: run.rowsChecked,
      blocksChecked: run.blocksChecked,
      unsealedRows: run.unsealedRows,
      sealedNow: run.sealedNow,
    }
  }
}
