import { flags, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import ListBackups from '#actions/backup/list_backups'

/** Lists the backups of every repository, their ciphers and the WAL archive (point-in-time window) */
export default class BackupList extends BaseCommand {
  static commandName = 'backup:list'
  static description = 'List backups in every repository'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    const listing = await (await this.app.container.make(ListBackups)).handle()
    if (this.json) {
      this.logger.log(JSON.stringify(listing, null, 2))
      return
    }
    this.logger.info(`Method ${listing.method}, region ${listing.region}, status: ${listing.status}`)
    const table = this.ui.table()
    table.head(['Backup', 'Type', 'Repo', 'Started', 'Finished', 'Size (bytes)'])
    for (const b of listing.backups) table.row([b.id, b.type, String(b.repo), b.startedAt, b.stoppedAt, String(b.sizeBytes)])
    table.render()
    for (const [repo, cipher] of Object.entries(listing.ciphers)) this.logger.info(`repo${repo} cipher: ${cipher}`)
    for (const a of listing.archive) this.logger.info(`repo${a.repo} WAL archive: ${a.min ?? '-'} … ${a.max ?? '-'}`)
  }
}
