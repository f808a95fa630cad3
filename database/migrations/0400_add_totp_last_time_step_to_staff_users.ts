import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * TOTP replay protection: the last accepted RFC 6238 time step, so a code
 * signs a staff member in once only.
 */
export default class extends BaseSchema {
  protected tableName = 'staff_users'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.bigInteger('totp_last_time_step').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('totp_last_time_step')
    })
  }
}
