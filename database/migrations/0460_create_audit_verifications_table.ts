import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Runs of the audit chain verification (backoffice "Run verification" and
 * `node ace audit:verify`): when, by whom, the outcome, the last block up
 * to which the chain was intact and every break found. Operational history
 * for the chain status panel; the evidence itself is the 'audit.verified'
 * audit row written with each run.
 */
export default class extends BaseSchema {
  protected tableName = 'audit_verifications'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('finished_at', { useTz: true }).notNullable()
      table.boolean('ok').notNullable()
      table.bigInteger('last_verified_block').nullable()
      table.jsonb('breaks').notNullable().defaultTo('[]')
      /** the staff member who ran it; null for the command line */
      table.bigInteger('run_by').nullable().references('id').inTable('staff_users')
      table.string('source', 20).notNullable()
      table.bigInteger('rows_checked').notNullable().defaultTo(0)
      table.integer('blocks_checked').notNullable().defaultTo(0)
      table.bigInteger('unsealed_rows').notNullable().defaultTo(0)
      table.bigInteger('sealed_now').notNullable().defaultTo(0)

      table.check("source in ('backoffice', 'cli')", [], 'audit_verifications_source')
      table.index(['finished_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
