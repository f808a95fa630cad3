import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Holds: placing one reduces `available` (the debit rules: active account,
 * verified customer, within the overdraft); releasing restores it;
 * capturing posts the captured amount (debit the customer, credit an
 * internal account, settlement by default) and releases any remainder.
 * Lock order: the account row, then the hold row.
 * Bodies: database/sql/ledger/<function>.sql.
 */
const FUNCTIONS = ['ledger/ledger_hold_json', 'ledger/ledger_place_hold', 'ledger/ledger_settle_hold']

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {
    dropSqlFunctions(this, FUNCTIONS)
  }
}
