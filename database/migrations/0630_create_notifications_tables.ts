import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customer notifications (issue 9): the in-app notifications, the
 * customers' channel preferences and the sign-in devices seen so far.
 *
 * - notifications: one row per event told to one customer, written by the
 *   'notifications.dispatch' job. `dedupe_key` (customer, event and the
 *   producer's key) is unique: a re-delivered job inserts nothing twice.
 *   `in_app` false when the customer turned the in-app channel off (the
 *   row still exists: the mail is built from it and it records that the
 *   event was handled). `mailed_at` is set once the mail was accepted.
 *   The API lists a customer's visible rows newest first by id (index
 *   below; a partial one for the unread filter).
 * - notification_preferences: what a customer chose per event and channel;
 *   absent = the event's default (app/domain/notifications/events.ts).
 * - customer_devices: HMAC of (IP, User-Agent) per customer; a token
 *   issued from a device not in it is a new-device sign-in.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notifications', (table) => {
      table.bigIncrements('id')
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers').onDelete('cascade')
      table.text('event').notNullable()
      table.text('title').notNullable()
      table.text('body').notNullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.text('dedupe_key').notNullable().unique()
      table.boolean('in_app').notNullable().defaultTo(true)
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('mailed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check('length(dedupe_key) between 1 and 300', [], 'notifications_dedupe_key_length')
    })
    this.schema.raw('create index notifications_customer_listing on notifications (customer_id, id desc) where in_app')
    this.schema.raw('create index notifications_customer_unread on notifications (customer_id, id desc) where in_app and read_at is null')

    this.schema.createTable('notification_preferences', (table) => {
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers').onDelete('cascade')
      table.text('event').notNullable()
      table.text('channel').notNullable()
      table.boolean('enabled').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['customer_id', 'event', 'channel'])
      table.check("channel in ('in_app', 'mail')", [], 'notification_preferences_channel')
    })

    this.schema.createTable('customer_devices', (table) => {
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers').onDelete('cascade')
      table.specificType('device_hash', 'char(64)').notNullable()
      table.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['customer_id', 'device_hash'])
    })
  }

  async down() {
    this.schema.dropTable('customer_devices')
    this.schema.dropTable('notification_preferences')
    this.schema.dropTable('notifications')
  }
}
