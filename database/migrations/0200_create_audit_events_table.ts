import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The audit trail (ARCHITECTURE §5): append-only (a trigger rejects UPDATE
 * and DELETE), each row carrying the sha256 of its own canonical JSON.
 *
 * Writers call `audit_append(event jsonb)` inside the transaction of the
 * action they record; it is also the SQL interface other modules' plpgsql
 * functions use. The hash is computed by `audit_row_hash()`, the single
 * definition shared by the insert and by `node ace audit:verify`.
 * Rows are linked into hash-chained blocks by the sealer after commit.
 */
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

    this.schema.raw(`
      create or replace function audit_row_hash(e audit_events) returns char(64)
      language sql immutable as $$
        select encode(sha256(convert_to(jsonb_build_object(
          'id', e.id,
          'occurred_at', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actor_type', e.actor_type,
          'actor_id', e.actor_id,
          'action', e.action,
          'subject_type', e.subject_type,
          'subject_id', e.subject_id,
          'before', e.before,
          'after', e.after,
          'ip', host(e.ip),
          'request_id', e.request_id,
          'metadata', e.metadata
        )::text, 'UTF8')), 'hex')
      $$
    `)

    this.schema.raw(`
      create or replace function audit_append(event jsonb) returns bigint
      language plpgsql as $$
      declare
        e audit_events;
      begin
        e.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
        e.occurred_at := coalesce((event->>'occurred_at')::timestamptz, clock_timestamp());
        e.actor_type := coalesce(event->>'actor_type', 'system');
        e.actor_id := event->>'actor_id';
        e.action := event->>'action';
        e.subject_type := event->>'subject_type';
        e.subject_id := event->>'subject_id';
        e.before := event->'before';
        e.after := event->'after';
        e.ip := (event->>'ip')::inet;
        e.request_id := event->>'request_id';
        e.metadata := coalesce(event->'metadata', '{}'::jsonb);
        e.row_hash := audit_row_hash(e);
        insert into audit_events values (e.*);
        return e.id;
      end
      $$
    `)

    this.schema.raw(`
      create or replace function audit_events_reject_change() returns trigger
      language plpgsql as $$
      begin
        raise exception 'audit_events is append-only (% rejected)', tg_op
          using errcode = 'SR001';
      end
      $$
    `)
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
    this.schema.raw('drop function if exists audit_append(jsonb)')
    this.schema.raw('drop function if exists audit_row_hash(audit_events)')
    this.schema.raw('drop function if exists audit_events_reject_change()')
  }
}
