import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Pending amounts: an active hold reduces the account's `available`
 * without posting; it is released (restored) or captured (posted).
 */
export default class extends BaseSchema {
  protected tableName = 'holds'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.bigInteger('account_id').notNullable().references('id').inTable('accounts')
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.string('status', 10).notNullable().defaultTo('active')
      table.string('reason', 200).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table
        .bigInteger('captured_transaction_id')
        .nullable()
        .unique()
        .references('id')
        .inTable('ledger_transactions')
      table.string('actor_type', 20).notNullable()
      table.string('actor_id', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('released_at', { useTz: true }).nullable()
      table.timestamp('captured_at', { useTz: true }).nullable()

      table.check('amount > 0', [], 'holds_amount_positive')
      table.check("status in ('active', 'captured', 'released')", [], 'holds_status')
      table.check(
        "(status = 'captured') = (captured_transaction_id is not null)",
        [],
        'holds_captured_has_transaction'
      )
      table.index(['account_id', 'id'])
    })
    this.schema.raw(
      "create index holds_active_expiry_idx on holds (expires_at) where status = 'active'"
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
