import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import auditConfig from '#config/audit'
import { auditKeys } from '#services/audit/audit_signing_keys'
import { checkpointProblem, type AuditCheckpoint } from '#domain/audit/checkpoint'
import AuditCheckpointRefusedException from '#exceptions/audit_checkpoint_refused_exception'

/**
 * Reads a checkpoint for `audit:verify --checkpoint FILE`: a file path, or
 * else a key on the checkpoint disk (`audit-checkpoints/….json`), and
 * believes it only when its Ed25519 signature is valid for a trusted key.
 *
 * Throws: AuditCheckpointRefusedException (unreadable, wrong format,
 * untrusted key, altered content).
 */
export default class LoadAuditCheckpoint {
  async handle(input: { source: string }): Promise<AuditCheckpoint> {
    let parsed: unknown
    try {
      const text = existsSync(input.source)
        ? await readFile(input.source, 'utf8')
        : await drive.use(auditConfig.checkpointDisk).get(input.source)
      parsed = JSON.parse(text)
    } catch {
      throw new AuditCheckpointRefusedException(input.source, 'unreadable')
    }
    const problem = checkpointProblem(parsed, (await auditKeys()).trustedKeys())
    if (problem) throw new AuditCheckpointRefusedException(input.source, problem)
    return parsed as AuditCheckpoint
  }
}
