import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Single-use links to set a staff password (password reset by mail, and
 * the invitation of a new staff member). Only the sha256 of the token is
 * stored; a token expires and is marked used when redeemed.
 */
export default class extends BaseSchema {
  protected tableName = 'staff_password_tokens'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.bigInteger('staff_user_id').notNullable().references('id').inTable('staff_users').onDelete('cascade')
      table.enu('purpose', ['reset', 'invitation']).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['staff_user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
