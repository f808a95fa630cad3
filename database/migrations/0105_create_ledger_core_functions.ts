import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Shared SQL building blocks of the ledger's posting functions, each in its
 * file under database/sql/ledger/ (what it guarantees is written there):
 *
 * - ledger_raise: raises a ledger failure with its own SQLSTATE (SRLnn) and
 *   the stable code as message; app/services/ledger/ledger_errors.ts maps them to
 *   exception classes.
 * - ledger_entries_hash: THE canonical hash of a transaction's entries, used
 *   when booking and by `node ace ledger:verify`.
 * - ledger_transaction_json: a transaction as the posting functions return it.
 * - ledger_idempotency_begin / _complete: the idempotency protocol
 *   (advisory xact lock => in flight; same hash => replay; other => reuse).
 * - ledger_book: inserts the transaction + entries and moves the balance and
 *   available of the customer accounts involved (callers have locked and
 *   checked them). Internal accounts are neither locked nor updated.
 */
const FUNCTIONS = [
  'ledger/ledger_raise',
  'ledger/ledger_entries_hash',
  'ledger/ledger_transaction_json',
  'ledger/ledger_idempotency_begin',
  'ledger/ledger_idempotency_complete',
  'ledger/ledger_book',
]

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {
    dropSqlFunctions(this, FUNCTIONS)
  }
}
