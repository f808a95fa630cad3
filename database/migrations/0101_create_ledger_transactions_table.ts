import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per money movement (ARCHITECTURE §3). Its entries are in
 * ledger_entries; `entries_hash` is `ledger_entries_hash()` of them, so
 * `node ace ledger:verify` can prove they never changed. The debtor/creditor/
 * amount columns are a denormalised summary for quick reads. A transaction
 * is corrected by a reversal (`reverses_id`, unique: reversed at most once).
 * Rows are immutable (trigger).
 */
export default class extends BaseSchema {
  protected tableName = 'ledger_transactions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('kind', 20).notNullable()
      table.string('reference', 140).nullable()
      table.text('description').nullable()
      table.bigInteger('reverses_id').nullable().unique().references('id').inTable('ledger_transactions')
      table.string('actor_type', 20).notNullable()
      table.string('actor_id', 64).nullable()
      table.bigInteger('debtor_account_id').nullable().references('id').inTable('accounts')
      table.bigInteger('creditor_account_id').nullable().references('id').inTable('accounts')
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.specificType('entries_hash', 'char(64)').notNullable()
      table.timestamp('booked_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.jsonb('metadata').notNullable().defaultTo('{}')

      table.check(
        "kind in ('deposit', 'withdrawal', 'transfer', 'reversal', 'hold_capture', 'opening', 'adjustment')",
        [],
        'ledger_transactions_kind'
      )
      table.check('amount > 0', [], 'ledger_transactions_amount_positive')
      table.check("currency ~ '^[A-Z]{3}$'", [], 'ledger_transactions_currency_iso')
      table.check("(kind = 'reversal') = (reverses_id is not null)", [], 'ledger_transactions_reversal_link')
      table.index(['debtor_account_id', 'id'])
      table.index(['creditor_account_id', 'id'])
      table.index(['booked_at'])
    })
  }

  async down() {
    this.schema.raw('drop table if exists ledger_transactions cascade')
  }
}
