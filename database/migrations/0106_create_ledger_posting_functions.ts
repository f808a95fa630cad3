import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Customer postings, each ONE function call = one round trip and, in
 * autocommit, its own transaction (ARCHITECTURE §3: short lock hold times).
 * Every function: idempotency (ledger_idempotency_begin), lock the customer
 * accounts FOR UPDATE in ascending id order, check the rules, book, store
 * the key, append the audit row, return the transaction as jsonb.
 * A failure raises an SRLnn SQLSTATE and rolls everything back.
 *
 * The rules live once, in ledger_debit_check and ledger_credit_check; the
 * transfer is the hot path (its rules checked without locks, its locked
 * section last). Bodies: database/sql/ledger/<function>.sql. This migration
 * first created ledger_check_transfer and an 11-parameter
 * ledger_post_transfer; migrations 0520 and 0600 replaced them.
 */
const FUNCTIONS = [
  'ledger/ledger_credit_check',
  'ledger/ledger_debit_check',
  'ledger/ledger_post_transfer',
  'ledger/ledger_post_cash',
  'ledger/ledger_reverse_transaction',
]

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {
    dropSqlFunctions(this, FUNCTIONS)
  }
}
