import { randomBytes } from 'node:crypto'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import backupConfig from '#config/backup'
import AuditTrail from '#services/audit/audit_trail'
import { assertBackupResidency, BACKUP_ACTOR } from '#services/backup/backup_residency'
import { PgBackRest } from '#services/backup/pgbackrest'
import { dropCopyDatabase, restoreDumpCopy, restorePgBackRestCopy } from '#services/backup/restore_copy'
import { copyRecoveryPoint, liveOwner, oldestMissingEvent, type RecoveryPoint } from '#services/backup/live_database'
import { type CheckResult, verifyCopy } from '#services/backup/copy_verifier'
import { newestCheckpointBefore } from '#services/backup/audit_checkpoints'
import { ownerOf, ToolFailedError } from '#services/backup/os_process'
import type { DatabaseEndpoint } from '#services/database/database_location'
import BackupFailedException from '#exceptions/backup_failed_exception'
import { DumpDecryptionError } from '#services/backup/encrypted_stream'

export interface DrillReport {
  ok: boolean
  method: 'pgbackrest' | 'dump'
  /** What was asked for: a point in time, or the latest state (the drill's start) */
  target: string
  targetIsLatest: boolean
  /** The copy's newest committed change (its newest audit event) */
  recoveryPoint: RecoveryPoint
  /** Seconds of live changes committed at or before the target that the copy lacks (0: none lost) */
  rpoSeconds: number
  /** Seconds from the start of the restore to a verified copy */
  rtoSeconds: number
  checkpoint: string | null
  checks: CheckResult[]
}

/**
 * `node ace backup:drill`: restores the latest backup (or a point in time)
 * into a scratch copy (pgBackRest: a new cluster on a free port, WAL
 * archived first with `pgbackrest check`; dump: a new database), runs
 * ledger:verify and audit:verify (against the newest signed checkpoint
 * before the target, when there is one) on the copy, measures the recovery
 * time and point, removes the copy (unless `keep`) and audits the outcome
 * as 'backup.drill.completed'.
 *
 * Throws: BackupOutsideRegionException (audited), BackupNotFoundException, BackupFailedException.
 */
export default class RunBackupDrill {
  async handle(input: { to?: Date; checkpoint?: string | null; keep?: boolean; repo?: 1 | 2 } = {}): Promise<DrillReport> {
    await assertBackupResidency('drill')
    const started = new Date()
    const target = input.to ?? started
    let copy: DatabaseEndpoint | undefined
    let cleanup = async () => {}
    try {
      if (backupConfig.method === 'pgbackrest') {
        /* archive the WAL up to now, so the latest state is recoverable */
        await new PgBackRest().check()
        const scratch = await mkdtemp(join(backupConfig.drillDir ?? tmpdir(), 'strongroom-drill-'))
        if (process.getuid?.() === 0) {
          const owner = await ownerOf(backupConfig.pgbackrest.pgPath!)
          await chown(scratch, owner.uid, owner.gid)
        }
        cleanup = async () => rm(scratch, { recursive: true, force: true })
        const { cluster } = await restorePgBackRestCopy({ pgPath: join(scratch, 'data'), to: input.to, repo: input.repo, port: 0 })
        cleanup = async () => {
          await cluster!.stop()
          await rm(scratch, { recursive: true, force: true })
        }
        copy = { host: '127.0.0.1', port: cluster!.port, user: 'postgres', password: '', database: liveOwner().database }
      } else {
        const database = `${liveOwner().database}_drill_${randomBytes(3).toString('hex')}`.slice(0, 63)
        copy = (await restoreDumpCopy({ database, to: input.to, repo: input.repo })).target
        cleanup = async () => dropCopyDatabase(database)
      }

      /* measured before the checks, which write into the copy (audit:verify records its run) */
      const recoveryPoint = await copyRecoveryPoint(copy)
      const checkpoint = input.checkpoint === undefined ? await newestCheckpointBefore(target) : input.checkpoint
      const checks = await verifyCopy(copy, checkpoint ?? undefined)
      const rtoSeconds = (Date.now() - started.getTime()) / 1000
      const missing = await oldestMissingEvent(recoveryPoint.lastEventId, target)
      const report: DrillReport = {
        ok: checks.every((check) => check.ok),
        method: backupConfig.method,
        target: target.toISOString(),
        targetIsLatest: !input.to,
        recoveryPoint,
        rpoSeconds: missing ? Math.max(0, (target.getTime() - missing.getTime()) / 1000) : 0,
        rtoSeconds,
        checkpoint,
        checks,
      }
      await AuditTrail.record({
        actor: BACKUP_ACTOR,
        action: 'backup.drill.completed',
        subject: { type: 'backup', id: report.target },
        metadata: {
          ok: report.ok,
          method: report.method,
          rpo_seconds: report.rpoSeconds,
          rto_seconds: report.rtoSeconds,
          recovery_point: recoveryPoint.at,
          checks: Object.fromEntries(checks.map((check) => [check.check, check.ok])),
        },
      })
      return report
    } catch (error) {
      if (error instanceof ToolFailedError || error instanceof DumpDecryptionError) throw new BackupFailedException(error.message)
      throw error
    } finally {
      if (!input.keep) await cleanup().catch(() => {})
    }
  }
}
