import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Hash-chained blocks of audit events (ARCHITECTURE §5), written by the
 * sealer (app/services/audit/audit_sealer.ts) after the events commit, so writers
 * never wait on each other or on a global chain head.
 *
 * - audit_blocks: block_hash = sha256(prev_hash || row_hash of every member
 *   in id order), genesis prev_hash = 64 zeros. `unique(prev_hash)` makes a
 *   fork impossible: only one block can extend a given block.
 * - audit_seals: the membership of each event in exactly one block (primary
 *   key on event_id). Events commit out of id order, so a block's
 *   first/last_event_id are the min/max of its members, not a claim that
 *   every id in between belongs to it.
 * - audit_events.xact_id: the inserting transaction (xid8, 64-bit, never
 *   wraps). audit_seal_state.watermark is the snapshot xmin of the last
 *   complete sealing run: every transaction below it had finished, and every
 *   committed row it wrote was visible and got sealed. The sealer therefore
 *   only scans rows with xact_id >= watermark (an index range) instead of
 *   anti-joining the whole table on every run.
 *
 * All three tables are append-only like audit_events (the state row is
 * operational, not evidence, and may be updated).
 *
 * audit_append() writes xact_id from here on: this migration reinstalled it
 * (database/sql/audit/audit_append.sql, the only version there is; down()
 * leaves it, migration 0200's down() drops it). The trigger function is
 * database/sql/audit/audit_reject_change.sql.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      alter table audit_events add column xact_id xid8 not null default pg_current_xact_id();
      create index audit_events_xact_id_index on audit_events (xact_id);

      create table audit_blocks (
        id bigserial primary key,
        prev_hash char(64) not null unique,
        block_hash char(64) not null unique,
        first_event_id bigint not null,
        last_event_id bigint not null,
        event_count integer not null check (event_count > 0),
        sealed_at timestamptz not null default now()
      );

      create table audit_seals (
        event_id bigint primary key references audit_events (id),
        block_id bigint not null references audit_blocks (id)
      );
      create index audit_seals_block_id_index on audit_seals (block_id, event_id);

      create table audit_seal_state (
        id boolean primary key default true check (id),
        watermark xid8 not null default '0',
        updated_at timestamptz not null default now()
      );
      insert into audit_seal_state default values;
    `)
    installSqlFunctions(this, ['audit/audit_reject_change', 'audit/audit_append'])
    this.schema.raw(`
      create trigger audit_blocks_append_only before update or delete on audit_blocks
        for each row execute function audit_reject_change();
      create trigger audit_blocks_no_truncate before truncate on audit_blocks
        for each statement execute function audit_reject_change();
      create trigger audit_seals_append_only before update or delete on audit_seals
        for each row execute function audit_reject_change();
      create trigger audit_seals_no_truncate before truncate on audit_seals
        for each statement execute function audit_reject_change();
    `)
  }

  async down() {
    this.schema.raw(`
      drop table if exists audit_seal_state;
      drop table if exists audit_seals;
      drop table if exists audit_blocks;
      alter table audit_events drop column if exists xact_id;
    `)
    dropSqlFunctions(this, ['audit/audit_reject_change'])
  }
}
