import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BatchCommand } from '#services/console/batch_command'
import CreateBackup from '#actions/backup/create_backup'
import { DomainException } from '#exceptions/domain_exception'

/**
 * Takes a backup with the configured method (BACKUP_METHOD): pgBackRest
 * full/diff/incr into repo1 and the off-site repo2 (stanza created on
 * first use), or an encrypted dump. Schedule it (e.g. a weekly full, daily
 * incr); WAL archiving covers the time in between.
 */
export default class BackupCreate extends BatchCommand {
  static commandName = 'backup:create'
  static description = 'Back up the database (pgBackRest full/diff/incr, or an encrypted dump)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'pgBackRest backup type: full, diff or incr', default: 'full' })
  declare type: string

  @flags.number({ description: 'Only this repository (1 local, 2 off-site); default: both' })
  declare repo?: number

  @flags.string({ description: 'The region to back up into (refused unless it is the home region)' })
  declare region?: string

  async run() {
    if (!['full', 'diff', 'incr'].includes(this.type) || (this.repo !== undefined && ![1, 2].includes(this.repo))) {
      this.logger.error('--type must be full, diff or incr; --repo 1 or 2')
      this.exitCode = 1
      return
    }
    try {
      const action = await this.app.container.make(CreateBackup)
      const backup = await action.handle({ type: this.type as any, repo: this.repo as 1 | 2 | undefined, region: this.region })
      this.batchSummary = { method: backup.method, type: backup.type, ids: backup.ids, durationMs: backup.durationMs }
      if (backup.stanzaCreated) this.logger.info('pgBackRest stanza created (first use)')
      this.logger.success(`Backup ${backup.ids.join(', ')} (${backup.method} ${backup.type}) in ${backup.durationMs} ms`)
    } catch (error) {
      if (!(error instanceof DomainException)) throw error
      this.logger.error(`${(error as any).code}: ${error.message}`)
      this.exitCode = 1
    }
  }
}
