import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The compliance queue (issue 9): one `risk_alerts` row per typology that
 * alerted on an event (RaiseAlert, idempotent on dedupe_key), its history
 * in `risk_alert_activity` (append-only: a trigger refuses UPDATE and
 * DELETE, so the runtime role gets SELECT and INSERT only), and
 * `compliance_cases`, the suspicious activity report case an escalation
 * opens. The status machine is #domain/risk/alert_status; the CHECKs
 * below only keep the columns consistent with it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('risk_alerts', (table) => {
      table.bigIncrements('id')
      table.string('typology_id', 64).notNullable()
      table.string('typology_name', 200).notNullable()
      table.enu('typology_kind', ['fraud', 'money_laundering']).notNullable()
      table.integer('score').notNullable()
      table.enu('severity', ['low', 'medium', 'high', 'critical']).notNullable()
      table
        .enu('status', ['open', 'investigating', 'dismissed', 'confirmed', 'escalated'])
        .notNullable()
        .defaultTo('open')
      table.integer('configuration_version').notNullable()
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.bigInteger('account_id').nullable().references('id').inTable('accounts')
      table.bigInteger('transaction_id').nullable().references('id').inTable('ledger_transactions')
      table.bigInteger('held_payment_id').nullable().references('id').inTable('risk_held_payments')
      table.jsonb('rules').notNullable()
      table.jsonb('events').notNullable()
      table.bigInteger('assignee_id').nullable().references('id').inTable('staff_users')
      table.string('dedupe_key', 200).notNullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('closed_at', { useTz: true }).nullable()

      table.check(
        "(status in ('dismissed', 'confirmed', 'escalated')) = (closed_at is not null)",
        [],
        'risk_alerts_closed_at'
      )
      table.check("status = 'open' or assignee_id is not null", [], 'risk_alerts_worked_by_someone')
    })
    /* The queue: oldest-high-first within a status; the other filters narrow it */
    this.schema.raw(
      `create index risk_alerts_queue_idx on risk_alerts (status,
         (case severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end) desc,
         created_at, id)`
    )
    this.schema.raw('create index risk_alerts_assignee_idx on risk_alerts (assignee_id, status)')
    this.schema.raw('create index risk_alerts_typology_idx on risk_alerts (typology_id, status)')
    this.schema.raw('create index risk_alerts_customer_idx on risk_alerts (customer_id, created_at)')
    this.schema.raw('create index risk_alerts_held_payment_idx on risk_alerts (held_payment_id) where held_payment_id is not null')
    this.schema.raw('create index risk_alerts_created_idx on risk_alerts (created_at)')

    this.schema.createTable('risk_alert_activity', (table) => {
      table.bigIncrements('id')
      table.bigInteger('alert_id').notNullable().references('id').inTable('risk_alerts')
      /* null: the system (the alert was raised by the rules) */
      table.bigInteger('staff_id').nullable().references('id').inTable('staff_users')
      table.string('action', 40).notNullable()
      table.text('note').nullable()
      table.jsonb('details').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['alert_id', 'id'])
    })
    /* risk_reject_change(): database/sql/risk/risk_reject_change.sql, installed by 0615 */
    this.schema.raw(
      `create trigger risk_alert_activity_append_only before update or delete on risk_alert_activity
         for each row execute function risk_reject_change()`
    )
    this.schema.raw(
      `create trigger risk_alert_activity_no_truncate before truncate on risk_alert_activity
         for each statement execute function risk_reject_change()`
    )

    this.schema.createTable('compliance_cases', (table) => {
      table.bigIncrements('id')
      table.bigInteger('alert_id').notNullable().unique().references('id').inTable('risk_alerts')
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.text('summary').notNullable()
      table.bigInteger('created_by').notNullable().references('id').inTable('staff_users')
      table.enu('status', ['open']).notNullable().defaultTo('open')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['customer_id'])
    })
  }

  async down() {
    this.schema.dropTable('compliance_cases')
    this.schema.dropTable('risk_alert_activity')
    this.schema.dropTable('risk_alerts')
  }
}
