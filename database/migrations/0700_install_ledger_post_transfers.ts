import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * ledger_post_transfers() (database/sql/ledger/ledger_post_transfers.sql):
 * a batch of ledger_post_transfer() calls in one transaction, each in its
 * own subtransaction, for the posting batcher of the API's transfers
 * (app/services/ledger/posting_batcher.ts).
 */
const FUNCTIONS = ['ledger/ledger_post_transfers']

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {
    dropSqlFunctions(this, FUNCTIONS)
  }
}
