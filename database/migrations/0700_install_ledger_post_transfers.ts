import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * ledger_post_transfers() (database/sql/ledger/ledger_post_transfers.sql):
 * a batch of ledger_post_transfer() calls in one transaction, each in its
 * own subtransaction, for the posting batcher of the API's transfers
 * (app/services/ledger/posting_batcher.ts).
 *
 * The batch locks today's payment total of each paying customer before
 * any account (the order a single transfer takes them in), creating the
 * row when the customer has not paid yet today: a total of 0 is now a
 * valid row (it was > 0). Every reader sums the totals, so a 0 row reads
 * like no row.
 */
const FUNCTIONS = ['ledger/ledger_post_transfers']

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('payment_daily_totals', (table) => {
      table.dropChecks(['payment_daily_totals_positive'])
      table.check('total >= 0', [], 'payment_daily_totals_not_negative')
    })
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {
    dropSqlFunctions(this, FUNCTIONS)
    this.defer(async (db) => {
      await db.from('payment_daily_totals').where('total', 0).delete()
    })
    this.schema.alterTable('payment_daily_totals', (table) => {
      table.dropChecks(['payment_daily_totals_not_negative'])
      table.check('total > 0', [], 'payment_daily_totals_positive')
    })
  }
}
