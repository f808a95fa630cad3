import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import auditConfig from '#config/audit'
import RunAuditVerification from '#actions/audit/run_audit_verification'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { auditKeys } from '#services/audit/audit_signing_keys'
import { CHECKPOINT_FORMAT, checkpointSigningPayload, type AuditCheckpoint } from '#domain/audit/checkpoint'
import AuditChainBrokenException from '#exceptions/audit_chain_broken_exception'
import AuditNothingSealedException from '#exceptions/audit_nothing_sealed_exception'

/** Folder of the checkpoint files on their Drive disk */
export const CHECKPOINT_PREFIX = 'audit-checkpoints'

/**
 * `node ace audit:checkpoint` (finding 13b): seals pending events, verifies
 * the whole chain, then writes a checkpoint of the last block, signed with
 * the key outside the database, as JSON to a Drive disk
 * (AUDIT_CHECKPOINT_DISK, default DRIVE_DISK: storage/drive/audit-checkpoints/).
 * Keep these files where the database's administrators cannot rewrite them
 * (a bucket with object lock in production).
 *
 * Throws: AuditChainBrokenException (the chain does not verify: nothing is
 * anchored), AuditNothingSealedException, MissingAuditSigningKeyException.
 */
@inject()
export default class WriteAuditCheckpoint {
  constructor(private runVerification: RunAuditVerification) {}

  async handle(input: { context: RequestContext; disk?: 'fs' }) {
    const signer = (await auditKeys()).signer()
    const { report } = await this.runVerification.handle({
      runBy: null,
      source: 'cli',
      sealFirst: true,
      context: input.context,
    })
    if (!report.ok) throw new AuditChainBrokenException()
    const block = report.lastVerifiedBlock
    if (!block) throw new AuditNothingSealedException()

    const unsigned = {
      format: CHECKPOINT_FORMAT,
      blockId: block.id,
      blockHash: block.blockHash,
      lastEventId: block.lastEventId,
      createdAt: new Date().toISOString(),
      keyId: signer.keyId,
      publicKey: signer.publicKey,
    } as const
    const checkpoint: AuditCheckpoint = { ...unsigned, signature: await signer.sign(checkpointSigningPayload(unsigned)) }

    const disk = input.disk ?? auditConfig.checkpointDisk
    const key = `${CHECKPOINT_PREFIX}/${unsigned.createdAt.replaceAll(':', '').replace(/\.\d+Z$/, 'Z')}-block-${block.id}.json`
    await drive.use(disk).put(key, `${JSON.stringify(checkpoint, null, 2)}\n`)

    await AuditTrail.record({
      actor: { type: 'system' },
      action: 'audit.checkpoint.written',
      subject: { type: 'audit_block', id: block.id },
      after: { block_hash: block.blockHash, last_event_id: block.lastEventId, key_id: signer.keyId, disk, key },
      ...input.context,
    })
    return { checkpoint, disk, key, path: disk === 'fs' ? app.makePath('storage/drive', key) : null }
  }
}
