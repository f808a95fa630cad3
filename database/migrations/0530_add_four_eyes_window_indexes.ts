import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Four-eyes running totals over a rolling window (#actions/teller/four_eyes_decision):
 * the sums of teller postings booked by one staff member, and on one
 * account, since a point in time. Partial indexes on staff postings only,
 * so customers' API payments (the hot path) do not maintain them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create index if not exists ledger_transactions_staff_actor_booked_idx
        on ledger_transactions (actor_id, booked_at) where actor_type = 'staff';
      create index if not exists ledger_transactions_staff_debtor_booked_idx
        on ledger_transactions (debtor_account_id, booked_at) where actor_type = 'staff';
      create index if not exists ledger_transactions_staff_creditor_booked_idx
        on ledger_transactions (creditor_account_id, booked_at) where actor_type = 'staff';
    `)
  }

  async down() {
    this.schema.raw(`
      drop index if exists ledger_transactions_staff_actor_booked_idx;
      drop index if exists ledger_transactions_staff_debtor_booked_idx;
      drop index if exists ledger_transactions_staff_creditor_booked_idx;
    `)
  }
}
