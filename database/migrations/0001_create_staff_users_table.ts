import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Bank staff using the backoffice. Password (scrypt) + TOTP mandatory;
 * the TOTP secret is stored encrypted (app encryption, AES-256-GCM).
 */
export default class extends BaseSchema {
  protected tableName = 'staff_users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('email', 254).notNullable()
      table.string('full_name', 200).notNullable()
      table.string('password').notNullable()
      table
        .enu('role', ['admin', 'teller', 'loan_officer', 'compliance', 'auditor'])
        .notNullable()
      table.text('totp_secret').nullable()
      table.timestamp('totp_enabled_at', { useTz: true }).nullable()
      table.jsonb('recovery_codes').notNullable().defaultTo('[]')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.integer('failed_login_count').notNullable().defaultTo(0)
      table.timestamp('locked_until', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw('create unique index staff_users_email_unique on staff_users (lower(email))')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
