import { isAbsolute } from 'node:path'
import backupConfig from '#config/backup'
import AuditTrail from '#services/audit/audit_trail'
import { assertBackupResidency, BACKUP_ACTOR } from '#services/backup/backup_residency'
import { restoreDumpCopy, restorePgBackRestCopy } from '#services/backup/restore_copy'
import { ToolFailedError } from '#services/backup/os_process'
import BackupFailedException from '#exceptions/backup_failed_exception'
import { DumpDecryptionError } from '#services/backup/encrypted_stream'
import BackupRestoreRefusedException from '#exceptions/backup_restore_refused_exception'

export interface RestoreBackupInput {
  /** pgbackrest: a new data directory (absolute path); dump: a new database name */
  target: string
  /** Point in time to recover to (pgbackrest: any time in the archive; dump: the newest dump at or before it) */
  to?: Date
  /** pgBackRest backup label or dump id (default: chosen from `to`, else the newest) */
  backup?: string
  /** 2: restore from the off-site repository */
  repo?: 1 | 2
  /** pgbackrest: start the copy on this port (0: a free one) once restored */
  port?: number
  forceOverwriteLive?: boolean
  region?: string
}

export interface RestoredBackup {
  method: 'pgbackrest' | 'dump'
  target: string
  /** pgbackrest with a port: where the running copy listens */
  port: number | null
  backup: string | null
  durationMs: number
}

/**
 * `node ace backup:restore --target=…`: restores into a new database or
 * data directory (restore_copy.ts); over the live one only with
 * forceOverwriteLive. Audited as 'backup.restored'.
 *
 * Throws: BackupOutsideRegionException (audited), BackupRestoreRefusedException,
 * BackupNotFoundException, BackupFailedException.
 */
export default class RestoreBackup {
  async handle(input: RestoreBackupInput): Promise<RestoredBackup> {
    await assertBackupResidency('restore', input.region)
    const started = Date.now()
    let restored: Omit<RestoredBackup, 'durationMs'>
    try {
      if (backupConfig.method === 'pgbackrest') {
        if (!isAbsolute(input.target)) throw new BackupRestoreRefusedException('--target must be an absolute path to a new data directory.')
        const { cluster } = await restorePgBackRestCopy({
          pgPath: input.target,
          to: input.to,
          set: input.backup,
          repo: input.repo,
          port: input.port,
          overwriteLive: input.forceOverwriteLive,
        })
        restored = { method: 'pgbackrest', target: input.target, port: cluster?.port ?? null, backup: input.backup ?? null }
      } else {
        const { manifest } = await restoreDumpCopy({
          database: input.target,
          id: input.backup,
          to: input.to,
          repo: input.repo,
          overwriteLive: input.forceOverwriteLive,
        })
        restored = { method: 'dump', target: input.target, port: null, backup: manifest.id }
      }
    } catch (error) {
      if (error instanceof ToolFailedError || error instanceof DumpDecryptionError) throw new BackupFailedException(error.message)
      throw error
    }
    const result = { ...restored, durationMs: Date.now() - started }
    await AuditTrail.record({
      actor: BACKUP_ACTOR,
      action: 'backup.restored',
      subject: { type: 'backup', id: result.backup ?? 'latest' },
      metadata: {
        method: result.method,
        target: result.target,
        to: input.to?.toISOString() ?? null,
        repo: input.repo ?? 1,
        over_live: input.forceOverwriteLive === true,
        duration_ms: result.durationMs,
      },
    })
    return result
  }
}
