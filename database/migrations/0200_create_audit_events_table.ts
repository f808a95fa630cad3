import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * The audit trail (ARCHITECTURE §5): append-only (a trigger rejects UPDATE
 * and DELETE), each row carrying the sha256 of its own canonical JSON.
 *
 * Writers call `audit_append(event jsonb)` inside the transaction of the
 * action they record; it is also the SQL interface other modules' plpgsql
 * functions use. The hash is computed by `audit_row_hash()`, the single
 * definition shared by the insert and by `node ace audit:verify`.
 * Rows are linked into hash-chained blocks by the sealer after commit.
 * Bodies: database/sql/audit/<function>.sql (audit_append as it is today:
 * it also sets xact_id, the column migration 0201 adds).
 */
const FUNCTIONS = ['audit/audit_row_hash', 'audit/audit_append', 'audit/audit_events_reject_change']

export default class extends BaseSchema {
  protected tableName = 'audit_events'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      table.string('actor_type', 20).notNullable()
      table.string('actor_id', 64).nullable()
      table.string('action', 100).notNullable()
      table.string('subject_type', 50).nullable()
      table.string('subject_id', 64).nullable()
      table.jsonb('before').nullable()
      table.jsonb('after').nullable()
      table.specificType('ip', 'inet').nullable()
      table.string('request_id', 100).nullable()
      table.jsonb('metadata').notNullable().defaultTo('{}')
      table.specificType('row_hash', 'char(64)').notNullable()

      table.check(
        "actor_type in ('staff', 'customer', 'partner', 'system', 'anonymous')",
        [],
        'audit_events_actor_type'
      )
      table.index(['occurred_at'])
      table.index(['actor_type', 'actor_id', 'id'])
      table.index(['action', 'id'])
      table.index(['subject_type', 'subject_id', 'id'])
    })

    installSqlFunctions(this, FUNCTIONS)
    this.schema.raw(`
      create trigger audit_events_append_only
      before update or delete on audit_events
      for each row execute function audit_events_reject_change()
    `)
    this.schema.raw(`
      create trigger audit_events_no_truncate
      before truncate on audit_events
      for each statement execute function audit_events_reject_change()
    `)
  }

  async down() {
    this.schema.raw('drop table if exists audit_events cascade')
    dropSqlFunctions(this, FUNCTIONS)
  }
}
