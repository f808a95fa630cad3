import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Erasure requests (right to erasure, issue 13): one row per request to
 * crypto-shred a customer's personal data (app/actions/customers/
 * erase_customer.ts). Banks must keep records for a retention period after
 * the relationship ends (config/privacy.ts), so a request made before that
 * waits:
 *
 * - requested: filed by a compliance officer, waiting for a second
 *   person (approval_id: the four-eyes 'customers.erasure' approval);
 * - scheduled: approved; execute_after says when (null while the
 *   relationship is still active; relationship_ended_at / retention_until
 *   say why). `node ace privacy:erase-due` executes it once due;
 * - executed: the customer's data key was destroyed at executed_at;
 * - cancelled: the checker rejected it (or it was withdrawn).
 *
 * At most one open (requested or scheduled) request per customer. reason
 * is staff text about the request; no personal data is copied here.
 */
export default class extends BaseSchema {
  protected tableName = 'erasure_requests'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.bigInteger('requested_by').notNullable().references('id').inTable('staff_users')
      table.text('reason').notNullable()
      table.text('status').notNullable().defaultTo('requested')
      table.bigInteger('approval_id').nullable().unique().references('id').inTable('approvals')
      table.bigInteger('approved_by').nullable().references('id').inTable('staff_users')
      table.timestamp('relationship_ended_at', { useTz: true }).nullable()
      table.timestamp('retention_until', { useTz: true }).nullable()
      table.timestamp('execute_after', { useTz: true }).nullable()
      table.timestamp('executed_at', { useTz: true }).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check("status in ('requested', 'scheduled', 'executed', 'cancelled')", [], 'erasure_requests_status')
      table.check("(status = 'executed') = (executed_at is not null)", [], 'erasure_requests_executed_at')
      table.check("length(btrim(reason)) > 0", [], 'erasure_requests_reason')
    })
    this.schema.raw(
      "create unique index erasure_requests_one_open on erasure_requests (customer_id) where status in ('requested', 'scheduled')"
    )
    /* privacy:erase-due: the scheduled ones */
    this.schema.raw("create index erasure_requests_scheduled_idx on erasure_requests (execute_after) where status = 'scheduled'")
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
