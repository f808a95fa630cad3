import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Staff session generation: a session remembers the version it was signed
 * in with; bumping it (sign out other sessions, password change or reset,
 * deactivation, 2FA reset) ends every session holding an older one.
 */
export default class extends BaseSchema {
  protected tableName = 'staff_users'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('session_version').notNullable().defaultTo(1)
      table.timestamp('password_changed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('session_version')
      table.dropColumn('password_changed_at')
    })
  }
}
