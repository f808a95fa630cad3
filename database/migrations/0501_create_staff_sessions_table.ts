import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side record of every signed-in backoffice session (ARCHITECTURE
 * §4: staff sessions are revocable server-side). The session cookie only
 * carries the random id of its row; the backoffice middleware accepts a
 * request when the row is not ended, still holds the staff member's
 * session_version and is within the idle and absolute limits judged from
 * these server-side times (one indexed UPDATE per request). Logout,
 * timeouts and deactivation set ended_at, so every copy of the cookie is
 * refused on every instance.
 */
export default class extends BaseSchema {
  protected tableName = 'staff_sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('id').primary()
      table.bigInteger('staff_user_id').notNullable().references('id').inTable('staff_users').onDelete('cascade')
      table.integer('session_version').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('ended_at', { useTz: true }).nullable()
      table.string('end_reason', 20).nullable()
      table.string('ip', 64).nullable()
      table.check('(ended_at is null) = (end_reason is null)', [], 'staff_sessions_end_complete')
    })
    this.schema.raw('create index staff_sessions_staff_user_idx on staff_sessions (staff_user_id)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
