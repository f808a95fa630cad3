import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * The database's functions come from database/sql/<module>/<function>.sql
 * (database/sql/README.md). Until this migration their bodies were template
 * strings in the migrations that created them; a database migrated before
 * it runs whatever body the last of those installed. This migration
 * reinstalls every file, so every database runs exactly the files
 * (tests/functional/database/sql_functions.spec.ts checks it), and drops
 * what the files replaced:
 *
 * - ledger_check_transfer: the transfer rules, now in ledger_debit_check
 *   (one debit check for every posting) and ledger_credit_check;
 * - ledger_book without p_move_balances: the transfer now books through
 *   ledger_book too (an overload left behind would make every 14-argument
 *   call ambiguous);
 * - ledger_post_transfer without p_payment (migration 0520 dropped it already).
 *
 * The list is the files as they were when this migration was written: a
 * function added later is installed by its own migration. down() changes
 * nothing: the files are the only version there is; each function is
 * dropped by the migration that created it.
 */
const FUNCTIONS = [
  'ledger/ledger_raise',
  'ledger/ledger_reject_change',
  'ledger/ledger_entries_hash',
  'ledger/ledger_transaction_json',
  'ledger/ledger_hold_json',
  'ledger/ledger_idempotency_begin',
  'ledger/ledger_idempotency_complete',
  'ledger/ledger_debit_check',
  'ledger/ledger_credit_check',
  'ledger/ledger_book',
  'ledger/ledger_post_transfer',
  'ledger/ledger_post_cash',
  'ledger/ledger_reverse_transaction',
  'ledger/ledger_place_hold',
  'ledger/ledger_settle_hold',
  'ledger/ledger_post_adjustment',
  'ledger/payment_guard',
  'ledger/ledger_backdating_allowed',
  'ledger/ledger_backdated_time',
  'ledger/ledger_booking_time',
  'audit/audit_row_hash',
  'audit/audit_append',
  'audit/audit_events_reject_change',
  'audit/audit_reject_change',
  'platform/strongroom_grant_runtime',
]

const REPLACED = [
  'ledger_book(text, text, bigint[], text[], bigint[], bigint, bigint, bigint, text, text, bigint, text, text, jsonb)',
  'ledger_post_transfer(text, text, text, bigint, bigint, text, bigint, text, text, bigint, jsonb)',
]

export default class extends BaseSchema {
  async up() {
    for (const signature of REPLACED) this.schema.raw(`drop function if exists ${signature}`)
    dropSqlFunctions(this, ['ledger_check_transfer'])
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {}
}
