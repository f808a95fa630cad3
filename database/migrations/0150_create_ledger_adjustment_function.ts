import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Manual adjustment (always four-eyes, booked by the approval's handler):
 * credit or debit a customer account against the bank's suspense account
 * of its currency (system_code 'suspense', credit-normal).
 *
 *   credit: debit suspense, credit the customer
 *   debit:  debit the customer, credit suspense
 *
 * Same protocol as the other posting functions (migration 0106):
 * idempotency, the customer row locked FOR UPDATE, rules, ledger_book(),
 * the key, one audit row, the transaction as jsonb. A debit obeys the
 * debit rules (not frozen, within the overdraft); KYC is not asked: this is
 * a bank correction, not the customer moving money out. A closed account
 * is never touched. The reason is the transaction's description;
 * p_metadata (approval id, checker) goes on the transaction row.
 * Body: database/sql/ledger/ledger_post_adjustment.sql.
 */
export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, ['ledger/ledger_post_adjustment'])
  }

  async down() {
    dropSqlFunctions(this, ['ledger/ledger_post_adjustment'])
  }
}
