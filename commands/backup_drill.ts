import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BatchCommand } from '#services/console/batch_command'
import RunBackupDrill from '#actions/backup/run_backup_drill'
import { DomainException } from '#exceptions/domain_exception'

/**
 * Disaster-recovery drill: restores the latest backup (or --to a point in
 * time) into a scratch copy, runs ledger:verify and audit:verify (with the
 * newest signed audit checkpoint before the target) on it, prints the
 * recovery time and point achieved and a `DRILL {json}` line, and exits 1
 * when a check fails. The run is recorded in batch_runs and audited.
 */
export default class BackupDrill extends BatchCommand {
  static commandName = 'backup:drill'
  static description = 'Restore into a scratch copy, verify ledger and audit trail there, report RTO and RPO'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Recover to this point in time (ISO 8601) instead of the latest state' })
  declare to?: string

  @flags.string({ description: 'Audit checkpoint (file or key on the checkpoint disk); default: the newest before the target' })
  declare checkpoint?: string

  @flags.boolean({ description: 'Skip the audit checkpoint check' })
  declare skipCheckpoint: boolean

  @flags.number({ description: 'Restore from repository 1 (local, default) or 2 (off-site)' })
  declare repo?: number

  @flags.boolean({ description: 'Keep the copy (and leave it running) for inspection' })
  declare keep: boolean

  async run() {
    const to = this.to ? new Date(this.to) : undefined
    if ((to && Number.isNaN(to.getTime())) || (this.repo !== undefined && ![1, 2].includes(this.repo))) {
      this.logger.error('--to must be an ISO 8601 time; --repo 1 or 2')
      this.exitCode = 1
      return
    }
    try {
      const report = await (await this.app.container.make(RunBackupDrill)).handle({
        to,
        checkpoint: this.skipCheckpoint ? null : this.checkpoint,
        keep: this.keep === true,
        repo: this.repo as 1 | 2 | undefined,
      })
      for (const check of report.checks) {
        const say = check.ok ? this.logger.success.bind(this.logger) : this.logger.error.bind(this.logger)
        say(`${check.check} on the copy: ${check.ok ? 'clean' : `FAILED (exit ${check.exitCode})`}`)
        if (!check.ok) this.logger.log(check.output)
      }
      this.logger.info(`Checkpoint: ${report.checkpoint ?? 'none checked'}`)
      this.logger.info(
        `Recovery point: ${report.recoveryPoint.at ?? 'empty'} (audit event ${report.recoveryPoint.lastEventId ?? '-'}, ${report.recoveryPoint.transactions} ledger transactions); target ${report.target}${report.targetIsLatest ? ' (latest)' : ''}`
      )
      this.logger.info(`RTO ${report.rtoSeconds.toFixed(1)} s, RPO ${report.rpoSeconds.toFixed(1)} s`)
      this.logger.log(`DRILL ${JSON.stringify({ ...report, checks: report.checks.map(({ check, ok }) => ({ check, ok })) })}`)
      this.batchSummary = {
        method: report.method,
        target: report.target,
        rtoSeconds: report.rtoSeconds,
        rpoSeconds: report.rpoSeconds,
        recoveryPoint: report.recoveryPoint.at,
        ok: report.ok,
      }
      if (!report.ok) this.exitCode = 1
    } catch (error) {
      if (!(error instanceof DomainException)) throw error
      this.logger.error(`${(error as any).code}: ${error.message}`)
      this.exitCode = 1
    }
  }
}
