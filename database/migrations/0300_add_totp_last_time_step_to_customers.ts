import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customer TOTP replay protection: the last accepted RFC 6238 time step,
 * so one code issues one strong-customer-authentication token only.
 */
export default class extends BaseSchema {
  protected tableName = 'customers'

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
