import app from '@adonisjs/core/services/app'
import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * An explicit booking time for the demo bank's history, and only for it.
 *
 * `ledger_transactions.booked_at` defaults to `ledger_booking_time()`
 * instead of `now()`, so every posting function (migrations 0105-0107,
 * 0150 and their reinstalls) keeps its body and gains the rule:
 *
 * - no transaction-local setting `strongroom.booking_time` (the normal
 *   case): now(), as before;
 * - with it (`select set_config('strongroom.booking_time', '<timestamptz>', true)`,
 *   which only SeedDemoBank does): that time, provided
 *   (a) the database is marked as a development/test database
 *       (`ALTER DATABASE … SET strongroom.backdating = 'allowed'`, read from
 *       the catalog pg_db_role_setting, so a session cannot mark itself and
 *       only the database owner or a superuser can mark it: the migrations
 *       do when they run with NODE_ENV=development or test, never in
 *       production), and
 *   (b) the time is not in the future;
 *   otherwise SRL56 E_BACKDATING_REFUSED and the posting rolls back.
 *
 * Entries stay immutable (nothing is updated: the time is written once, at
 * insert); ledger:verify and audit:verify are unaffected. Audit rows keep
 * their real time: the trail says when the seed ran.
 * Bodies: database/sql/ledger/<function>.sql.
 */
const FUNCTIONS = ['ledger/ledger_backdating_allowed', 'ledger/ledger_backdated_time', 'ledger/ledger_booking_time']

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
    this.schema.raw('alter table ledger_transactions alter column booked_at set default ledger_booking_time()')

    if (['development', 'test'].includes(app.nodeEnvironment)) {
      this.schema.raw(`
        do $$
        begin
          execute format('alter database %I set strongroom.backdating = %L', current_database(), 'allowed');
        exception when insufficient_privilege then
          raise notice 'strongroom.backdating not set: only the database owner can mark it (demo:seed then refuses to book history)';
        end
        $$
      `)
    }
  }

  async down() {
    this.schema.raw('alter table ledger_transactions alter column booked_at set default now()')
    dropSqlFunctions(this, FUNCTIONS)
    this.schema.raw(`
      do $$
      begin
        execute format('alter database %I reset strongroom.backdating', current_database());
      exception when insufficient_privilege then
        null;
      end
      $$
    `)
  }
}
