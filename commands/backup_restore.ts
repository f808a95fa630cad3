import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BatchCommand } from '#services/console/batch_command'
import RestoreBackup from '#actions/backup/restore_backup'
import { DomainException } from '#exceptions/domain_exception'

/**
 * Restores a backup into a NEW database (dump) or data directory
 * (pgBackRest, optionally started on --port), optionally to a point in
 * time (--to). Over the live database only with --force-overwrite-live.
 */
export default class BackupRestore extends BatchCommand {
  static commandName = 'backup:restore'
  static description = 'Restore a backup into a new database or data directory (point in time with --to)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'pgbackrest: absolute path of a new data directory; dump: a new database name', required: true })
  declare target: string

  @flags.string({ description: 'Recover to this point in time (ISO 8601, e.g. 2026-12-04T15:01:02.345Z)' })
  declare to?: string

  @flags.string({ description: 'pgBackRest backup label or dump id (default: the newest usable)' })
  declare backup?: string

  @flags.number({ description: 'Restore from repository 1 (local, default) or 2 (off-site)' })
  declare repo?: number

  @flags.number({ description: 'pgbackrest: start the restored copy on this port (0: a free one)' })
  declare port?: number

  @flags.boolean({ description: 'Allow restoring over the live database (stop the server first for pgBackRest)' })
  declare forceOverwriteLive: boolean

  @flags.string({ description: 'The region to restore from (refused unless it is the home region)' })
  declare region?: string

  async run() {
    const to = this.to ? new Date(this.to) : undefined
    if ((to && Number.isNaN(to.getTime())) || (this.repo !== undefined && ![1, 2].includes(this.repo))) {
      this.logger.error('--to must be an ISO 8601 time; --repo 1 or 2')
      this.exitCode = 1
      return
    }
    try {
      const restored = await (await this.app.container.make(RestoreBackup)).handle({
        target: this.target,
        to,
        backup: this.backup,
        repo: this.repo as 1 | 2 | undefined,
        port: this.port,
        forceOverwriteLive: this.forceOverwriteLive === true,
        region: this.region,
      })
      this.batchSummary = { method: restored.method, backup: restored.backup, durationMs: restored.durationMs }
      this.logger.success(`Restored ${restored.backup ?? 'the latest backup'} into ${restored.target} in ${restored.durationMs} ms`)
      if (restored.port) this.logger.info(`The copy is running on 127.0.0.1:${restored.port} (stop it: pg_ctl -D ${restored.target} stop)`)
    } catch (error) {
      if (!(error instanceof DomainException)) throw error
      this.logger.error(`${(error as any).code}: ${error.message}`)
      this.exitCode = 1
    }
  }
}
