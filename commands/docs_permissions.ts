import { readFile, writeFile } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TABLE_END, TABLE_START, permissionTableMarkdown } from '#domain/staff/permission_table'

/**
 * Prints the backoffice permission matrix (role × action) as Markdown, or
 * rewrites it in README.md between the permissions markers.
 */
export default class DocsPermissions extends BaseCommand {
  static commandName = 'docs:permissions'
  static description = 'Print the staff permission matrix as Markdown (--write updates README.md)'
  static options: CommandOptions = { startApp: false }

  @flags.boolean({ description: 'Rewrite the table in README.md' })
  declare write: boolean

  async run() {
    const table = permissionTableMarkdown()
    if (!this.write) {
      this.logger.log(table)
      return
    }
    const path = this.app.makePath('README.md')
    const readme = await readFile(path, 'utf8')
    const start = readme.indexOf(TABLE_START)
    const end = readme.indexOf(TABLE_END)
    if (start === -1 || end === -1) {
      this.logger.error(`README.md has no ${TABLE_START} … ${TABLE_END} markers`)
      this.exitCode = 1
      return
    }
    await writeFile(path, `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`)
    this.logger.success('README.md permission matrix updated')
  }
}
