import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customers of the bank (API users). KYC status gates money leaving
 * their accounts. The TOTP secret is stored encrypted.
 */
export default class extends BaseSchema {
  protected tableName = 'customers'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('customer_number', 20).notNullable().unique()
      table.string('full_name', 200).notNullable()
      table.string('email', 254).notNullable()
      table.string('phone', 40).nullable()
      table.date('date_of_birth').nullable()
      table.string('password').notNullable()
      table.text('totp_secret').nullable()
      table.timestamp('totp_enabled_at', { useTz: true }).nullable()
      table
        .enu('kyc_status', ['pending', 'verified', 'rejected'])
        .notNullable()
        .defaultTo('pending')
      table.text('kyc_rejection_reason').nullable()
      table.jsonb('kyc_documents').notNullable().defaultTo('[]')
      table
        .enu('status', ['active', 'closed'])
        .notNullable()
        .defaultTo('active')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw('create unique index customers_email_unique on customers (lower(email))')
    this.schema.raw('create index customers_full_name_idx on customers (lower(full_name))')
    this.schema.raw('create index customers_created_at_idx on customers (created_at)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
