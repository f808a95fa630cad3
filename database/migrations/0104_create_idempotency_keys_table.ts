import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Idempotency records of money-moving commands, unique per caller scope
 * ('customer:12', 'staff:3', 'partner:7'). Written in the same transaction
 * as the posting, so a failed posting leaves no key behind.
 */
export default class extends BaseSchema {
  protected tableName = 'idempotency_keys'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.text('scope').notNullable()
      table.text('key').notNullable()
      table.specificType('request_hash', 'char(64)').notNullable()
      table.string('status', 12).notNullable()
      table.string('resource_type', 40).nullable()
      table.bigInteger('resource_id').nullable()
      table.integer('response_status').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('completed_at', { useTz: true }).nullable()

      table.unique(['scope', 'key'])
      table.check("status in ('in_flight', 'completed')", [], 'idempotency_keys_status')
      table.check('length(key) between 1 and 255', [], 'idempotency_keys_key_length')
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
