import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Double-entry lines: per transaction and currency, debits = credits.
 * Immutable: a trigger rejects UPDATE, DELETE and TRUNCATE on entries and
 * on ledger_transactions (corrections are reversal transactions); the
 * trigger function is database/sql/ledger/ledger_reject_change.sql.
 */
export default class extends BaseSchema {
  protected tableName = 'ledger_entries'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('transaction_id')
        .notNullable()
        .references('id')
        .inTable('ledger_transactions')
      table.bigInteger('account_id').notNullable().references('id').inTable('accounts')
      table.string('direction', 6).notNullable()
      table.bigInteger('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable()

      table.check("direction in ('debit', 'credit')", [], 'ledger_entries_direction')
      table.check('amount > 0', [], 'ledger_entries_amount_positive')
      table.check("currency ~ '^[A-Z]{3}$'", [], 'ledger_entries_currency_iso')
      table.index(['account_id', 'id'])
      table.index(['transaction_id'])
    })

    installSqlFunctions(this, ['ledger/ledger_reject_change'])
    for (const t of ['ledger_entries', 'ledger_transactions']) {
      this.schema.raw(`
        create trigger ${t}_immutable before update or delete on ${t}
        for each row execute function ledger_reject_change()
      `)
      this.schema.raw(`
        create trigger ${t}_no_truncate before truncate on ${t}
        for each statement execute function ledger_reject_change()
      `)
    }
  }

  async down() {
    this.schema.raw('drop table if exists ledger_entries cascade')
    this.schema.raw('drop trigger if exists ledger_transactions_immutable on ledger_transactions')
    this.schema.raw('drop trigger if exists ledger_transactions_no_truncate on ledger_transactions')
    dropSqlFunctions(this, ['ledger/ledger_reject_change'])
  }
}
