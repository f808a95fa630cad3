import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Four-eyes (maker-checker). A risky backoffice action is stored here as a
 * pending approval instead of being executed; a different staff member
 * approves (the action runs once, in the same transaction as the status
 * change and its audit rows) or rejects it (nothing else changes).
 * The database itself refuses a checker who is the maker.
 */
export default class extends BaseSchema {
  protected tableName = 'approvals'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('kind', 40).notNullable()
      table.enu('status', ['pending', 'approved', 'rejected']).notNullable().defaultTo('pending')
      table.text('summary').notNullable()
      table.jsonb('payload').notNullable()
      table.string('subject_type', 40).nullable()
      table.string('subject_id', 64).nullable()
      table.bigInteger('maker_id').notNullable().references('id').inTable('staff_users')
      table.text('maker_reason').nullable()
      table.string('idempotency_key', 100).notNullable()
      table.bigInteger('checker_id').nullable().references('id').inTable('staff_users')
      table.text('decision_reason').nullable()
      table.jsonb('result').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())

      table.unique(['maker_id', 'idempotency_key'])
      table.check('checker_id is null or checker_id <> maker_id', [], 'approvals_four_eyes')
      table.check(
        "(status = 'pending') = (checker_id is null and decided_at is null)",
        [],
        'approvals_decision_complete'
      )
    })
    this.schema.raw(
      "create index approvals_pending_idx on approvals (created_at) where status = 'pending'"
    )
    this.schema.raw('create index approvals_subject_idx on approvals (subject_type, subject_id)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
