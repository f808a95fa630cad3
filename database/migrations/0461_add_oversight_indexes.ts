import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Indexes for the oversight pages (audit trail, approvals inbox,
 * dashboard). audit_events already has (action, id), (actor_type,
 * actor_id, id), (subject_type, subject_id, id) and occurred_at; the action
 * filter is a prefix match ('ledger.%'), which a default-collation btree
 * cannot serve outside the C locale, hence the pattern_ops index.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create index if not exists audit_events_action_prefix_idx on audit_events (action varchar_pattern_ops, id);
      create index if not exists approvals_status_created_idx on approvals (status, created_at, id);
      create index if not exists customers_created_at_idx on customers (created_at);
      create index if not exists accounts_frozen_idx on accounts (id) where status = 'frozen';
    `)
  }

  async down() {
    this.schema.raw(`
      drop index if exists audit_events_action_prefix_idx;
      drop index if exists approvals_status_created_idx;
      drop index if exists customers_created_at_idx;
      drop index if exists accounts_frozen_idx;
    `)
  }
}
