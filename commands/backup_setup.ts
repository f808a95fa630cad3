import { flags, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import ConfigureBackup from '#actions/backup/configure_backup'
import { DomainException } from '#exceptions/domain_exception'

/**
 * Prepares pgBackRest on the database host: the generated pgbackrest.conf,
 * the repositories, the wrapped passphrases, the postgresql.conf settings
 * to add, and (--server-env-file, on /run) the passphrases for the
 * PostgreSQL service's environment.
 */
export default class BackupSetup extends BaseCommand {
  static commandName = 'backup:setup'
  static description = 'Write pgbackrest.conf and print the WAL archiving settings for postgresql.conf'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Write the server environment (passphrases) here: a path under /run or /dev/shm' })
  declare serverEnvFile?: string

  async run() {
    try {
      const result = await (await this.app.container.make(ConfigureBackup)).handle({ serverEnvFile: this.serverEnvFile })
      this.logger.success(`Wrote ${result.configFile}`)
      this.logger.info('Add to postgresql.conf (archive_mode needs a restart):')
      for (const [key, value] of Object.entries(result.settings)) this.logger.log(`  ${key} = '${value}'`)
      this.logger.info(
        `The server needs ${result.environmentKeys.join(', ')} in its environment${this.serverEnvFile ? `: written to ${this.serverEnvFile}` : ' (--server-env-file)'}`
      )
    } catch (error) {
      if (!(error instanceof DomainException)) throw error
      this.logger.error(`${(error as any).code}: ${error.message}`)
      this.exitCode = 1
    }
  }
}
