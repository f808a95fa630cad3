import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Events for partners (issue 10, part 2): what a partner fintech is told
 * about its consents, payments and the accounts shared with it, as
 * Security Event Tokens (RFC 8417) pushed to its callback (RFC 8935) or
 * polled (RFC 8936).
 *
 * - openbanking_event_subscriptions: a partner's subscription (UK OB v4
 *   event subscriptions): a callback URL (one subscription per URL; none =
 *   polling only, at most one such) and the event types (URIs). Ids are
 *   `evs-` + UUID; `seq` orders lists.
 * - openbanking_events: one row per event per partner: the SET's `jti`
 *   and its claims (signed when sent, so push and poll send the same
 *   token), why it was published (`dedupe_key`, unique per partner: a
 *   re-run job publishes nothing twice) and when the partner acknowledged
 *   it (a 2xx to a push, or `ack` in a poll). Unacknowledged events are
 *   what a poll returns.
 * - openbanking_event_deliveries: every push attempt (the delivery log
 *   staff see): when, to which callback, the outcome, HTTP status, error
 *   and duration. `delivered` acknowledges the event; `failed` (5xx,
 *   timeout, connection) and `unavailable` (the callback's circuit is
 *   open, nothing sent) are retried by the queue; `rejected` (4xx, a
 *   redirect) is not: the event waits for a poll.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('openbanking_event_subscriptions', (table) => {
      table.text('id').primary()
      table.specificType('seq', 'bigint generated always as identity').notNullable().unique()
      table.bigInteger('partner_id').notNullable().references('id').inTable('partners')
      table.text('callback_url').nullable()
      table.text('version').notNullable()
      table.specificType('event_types', 'text[]').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check('cardinality(event_types) > 0', [], 'openbanking_event_subscriptions_types')
      table.check('callback_url is null or length(callback_url) <= 2000', [], 'openbanking_event_subscriptions_url')
    })
    this.schema.raw(
      `create unique index openbanking_event_subscriptions_callback
         on openbanking_event_subscriptions (partner_id, coalesce(callback_url, ''))`
    )

    this.schema.createTable('openbanking_events', (table) => {
      table.bigIncrements('id')
      table.uuid('jti').notNullable().unique()
      table.bigInteger('partner_id').notNullable().references('id').inTable('partners')
      table.text('type').notNullable()
      table.text('subject_type').notNullable()
      table.text('subject_id').notNullable()
      table.text('dedupe_key').notNullable()
      table.jsonb('claims').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('acknowledged_at', { useTz: true }).nullable()
      table.text('acknowledged_by').nullable()
      /* RFC 8936 setErrs: what the partner said was wrong with the SET */
      table.jsonb('receiver_error').nullable()
      table.unique(['partner_id', 'dedupe_key'])
      table.check("acknowledged_by is null or acknowledged_by in ('push', 'poll')", [], 'openbanking_events_ack')
      table.check('(acknowledged_at is null) = (acknowledged_by is null)', [], 'openbanking_events_ack_pair')
    })
    this.schema.raw(
      'create index openbanking_events_unacknowledged on openbanking_events (partner_id, id) where acknowledged_at is null'
    )

    this.schema.createTable('openbanking_event_deliveries', (table) => {
      table.bigIncrements('id')
      table.bigInteger('event_id').notNullable().references('id').inTable('openbanking_events')
      table.bigInteger('partner_id').notNullable().references('id').inTable('partners')
      table.text('subscription_id').nullable().references('id').inTable('openbanking_event_subscriptions').onDelete('SET NULL')
      table.text('callback_url').notNullable()
      table.integer('attempt').notNullable()
      table.text('outcome').notNullable()
      table.integer('status_code').nullable()
      table.text('error').nullable()
      table.integer('duration_ms').nullable()
      table.timestamp('attempted_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check("outcome in ('delivered', 'failed', 'rejected', 'unavailable')", [], 'openbanking_event_deliveries_outcome')
    })
    this.schema.raw('create index openbanking_event_deliveries_partner on openbanking_event_deliveries (partner_id, id desc)')
    this.schema.raw('create index openbanking_event_deliveries_event on openbanking_event_deliveries (event_id, subscription_id)')
  }

  async down() {
    this.schema.dropTable('openbanking_event_deliveries')
    this.schema.dropTable('openbanking_events')
    this.schema.dropTable('openbanking_event_subscriptions')
  }
}
