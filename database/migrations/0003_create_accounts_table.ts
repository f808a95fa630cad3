import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customer accounts (credit-normal liabilities of the bank) and the bank's
 * own internal accounts (vault cash, settlement, suspense, ...).
 *
 * Amounts are bigint minor units. `balance` and `available` are maintained
 * on customer account rows in the same DB transaction as the entries;
 * internal accounts are never row-locked on the hot path: their balance is
 * the sum of their entries (ARCHITECTURE §3).
 */
export default class extends BaseSchema {
  protected tableName = 'accounts'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('number', 34).notNullable().unique()
      table
        .bigInteger('customer_id')
        .nullable()
        .references('id')
        .inTable('customers')
        .onDelete('RESTRICT')
      table
        .enu('kind', ['current', 'savings', 'internal'])
        .notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table
        .enu('status', ['active', 'frozen', 'closed'])
        .notNullable()
        .defaultTo('active')
      table.string('name', 200).notNullable()
      table.enu('normal_balance', ['debit', 'credit']).notNullable()
      table.bigInteger('balance').notNullable().defaultTo(0)
      table.bigInteger('available').notNullable().defaultTo(0)
      table.bigInteger('overdraft_limit').notNullable().defaultTo(0)
      table.string('system_code', 40).nullable()
      table.text('status_reason').nullable()
      table.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())

      table.check('overdraft_limit >= 0', [], 'accounts_overdraft_limit_non_negative')
      table.check(
        "kind = 'internal' or available >= -overdraft_limit",
        [],
        'accounts_available_within_overdraft'
      )
      table.check(
        "(kind = 'internal') = (customer_id is null)",
        [],
        'accounts_customer_iff_not_internal'
      )
      table.check(
        "(kind = 'internal') = (system_code is not null)",
        [],
        'accounts_system_code_iff_internal'
      )
      table.check("currency ~ '^[A-Z]{3}$'", [], 'accounts_currency_iso')
      table.unique(['system_code', 'currency'])
      table.index(['customer_id', 'id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
