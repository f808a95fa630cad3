import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

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
 * Body: database/sql/platform/strongroom_grant_runtime.sql.
 */
export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, ['platform/strongroom_grant_runtime'])
    this.schema.raw('revoke execute on function strongroom_grant_runtime(name) from public')

    const { databaseLocation } = await import('#config/database')
    if (databaseLocation.leastPrivilege) {
      this.schema.raw(`select strongroom_grant_runtime('${databaseLocation.user.replaceAll("'", "''")}')`)
    }
  }

  async down() {
    dropSqlFunctions(this, ['platform/strongroom_grant_runtime'])
  }
}
