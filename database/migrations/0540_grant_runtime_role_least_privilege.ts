import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Least privilege (ARCHITECTURE §4, security review finding 13a). The
 * migrations run as the OWNER role (the `owner` connection); web processes,
 * workers and ordinary ace commands run as the RUNTIME role, which owns no
 * table, so it can neither ALTER a table (disable its triggers) nor TRUNCATE
 * it, and gets exactly:
 *
 * - every table: SELECT, INSERT, UPDATE, DELETE (never TRUNCATE, REFERENCES,
 *   TRIGGER), and the same by default for tables that later migrations create;
 * - append-only tables (those with an `*_append_only` or `*_immutable`
 *   trigger: ledger_transactions, ledger_entries, audit_events, audit_blocks,
 *   audit_seals): SELECT and INSERT only. The sealer inserts blocks and seals
 *   and updates only audit_seal_state (operational, not evidence);
 * - adonis_schema*: SELECT only; sequences: USAGE, SELECT (no setval);
 *   functions: EXECUTE (PostgreSQL's default), except this one.
 *
 * `strongroom_grant_runtime(role)` is re-run as the owner after every
 * migration command (app/services/database/database_roles.ts), so a new append-only
 * table following the trigger naming is restricted as soon as it exists;
 * an operator who changes the runtime role runs it by hand:
 * `select strongroom_grant_runtime('new_role')` as the owner.
 * It refuses a runtime role that owns tables (REASSIGN OWNED first).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create or replace function strongroom_grant_runtime(runtime name) returns void
      language plpgsql as $$
      declare
        t text;
      begin
        if runtime = current_user then
          return;
        end if;
        if not exists (select 1 from pg_roles where rolname = runtime) then
          raise exception 'runtime role % does not exist: create it first (README "Database roles")', runtime;
        end if;
        if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relowner = (select oid from pg_roles where rolname = runtime)) then
          raise exception 'runtime role % owns objects in schema public: REASSIGN OWNED BY % TO % first', runtime, runtime, current_user;
        end if;

        execute format('grant usage on schema public to %I', runtime);
        execute format('revoke create on schema public from %I', runtime);
        execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
        execute format('revoke truncate, references, trigger on all tables in schema public from %I', runtime);
        execute format('grant usage, select on all sequences in schema public to %I', runtime);
        execute format('revoke update on all sequences in schema public from %I', runtime);
        execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', runtime);
        execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);

        for t in
          select distinct c.relname
            from pg_trigger g
            join pg_class c on c.oid = g.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and not g.tgisinternal
             and (g.tgname like '%\\_append\\_only' or g.tgname like '%\\_immutable')
        loop
          execute format('revoke update, delete on %I from %I', t, runtime);
        end loop;

        foreach t in array array['adonis_schema', 'adonis_schema_versions'] loop
          if to_regclass(format('public.%I', t)) is not null then
            execute format('revoke insert, update, delete on %I from %I', t, runtime);
          end if;
        end loop;
      end
      $$
    `)
    this.schema.raw('revoke execute on function strongroom_grant_runtime(name) from public')

    const { databaseLocation } = await import('#config/database')
    if (databaseLocation.leastPrivilege) {
      this.schema.raw(`select strongroom_grant_runtime('${databaseLocation.user.replaceAll("'", "''")}')`)
    }
  }

  async down() {
    this.schema.raw('drop function if exists strongroom_grant_runtime(name)')
  }
}
