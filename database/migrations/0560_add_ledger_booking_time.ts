import app from '@adonisjs/core/services/app'
import { BaseSchema } from '@adonisjs/lucid/schema'

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
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create or replace function ledger_backdating_allowed() returns boolean
      language sql stable as $$
        select exists (
          select 1 from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
           where d.datname = current_database() and s.setrole = 0
             and 'strongroom.backdating=allowed' = any (s.setconfig))
      $$
    `)

    this.schema.raw(`
      create or replace function ledger_backdated_time(p_setting text) returns timestamptz
      language plpgsql stable as $$
      -- The explicit booking time of strongroom.booking_time, checked: a
      -- development/test database only, never in the future. Raises SRL56.
      declare
        v_time timestamptz;
      begin
        if not ledger_backdating_allowed() then
          perform ledger_raise('SRL56', 'E_BACKDATING_REFUSED',
            'strongroom.booking_time is honoured only on a development or test database');
        end if;
        begin
          v_time := p_setting::timestamptz;
        exception when others then
          perform ledger_raise('SRL56', 'E_BACKDATING_REFUSED', 'strongroom.booking_time is not a timestamp');
        end;
        if v_time > now() then
          perform ledger_raise('SRL56', 'E_BACKDATING_REFUSED', 'strongroom.booking_time is in the future');
        end if;
        return v_time;
      end
      $$
    `)

    /* Inlined into the INSERT: the normal path costs one current_setting() */
    this.schema.raw(`
      create or replace function ledger_booking_time() returns timestamptz
      language sql stable as $$
        select case when coalesce(current_setting('strongroom.booking_time', true), '') = '' then now()
                    else ledger_backdated_time(current_setting('strongroom.booking_time', true)) end
      $$
    `)
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
    this.schema.raw('drop function if exists ledger_booking_time()')
    this.schema.raw('drop function if exists ledger_backdated_time(text)')
    this.schema.raw('drop function if exists ledger_backdating_allowed()')
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
