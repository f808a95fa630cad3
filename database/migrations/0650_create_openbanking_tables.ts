import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Open banking (issue 10): partner fintechs, the authorization server's
 * storage, consents and what each consent was used for.
 *
 * - partners: a registered third-party provider = one OAuth client of the
 *   authorization server (app/services/oauth). It authenticates with
 *   private_key_jwt, so the bank keeps only its public keys (`jwks`, or a
 *   `jwks_uri` the server fetches). Suspended partners are unknown clients.
 * - oauth_records: oidc-provider's models (sessions, interactions, pushed
 *   requests, codes, tokens, grants, replay detection) as jsonb keyed by
 *   model and id. Token ids are stored as their SHA-256 (the adapter hashes
 *   them), so a copy of this table holds no usable token. `grant_id`, `uid`
 *   and `user_code` are the library's secondary lookups; `expires_at`
 *   drives the prune job; `consumed_at` marks single-use artefacts.
 * - openbanking_consents: account-access and domestic-payment consents
 *   (UK Open Banking v4 status codes: AWAU awaiting authorisation, AUTH,
 *   RJCT rejected, COND consumed, CANC revoked, EXPD expired). Created by a
 *   partner with a client-credentials token, authorised by the customer on
 *   the consent page, which binds the OAuth grant (`grant_id`) to it.
 *   `seq` orders lists (cursor pagination) since ids are random.
 *   A payment consent, once authorised, holds the dynamic-linking
 *   authorisation (payment_authorisations, issue "Hardening") for exactly
 *   its debtor, payee and amount: the posting consumes it, so the consent
 *   pays once whatever the concurrency.
 * - openbanking_payments: the domestic payment made under a consent (one
 *   per consent): the booked transaction, or the held payment when the
 *   risk rules sent it to review.
 * - openbanking_access_log: every request a partner made under a consent
 *   (append-only): the partner page shows it to staff, the customer's
 *   consent list counts it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('partners', (table) => {
      table.bigIncrements('id')
      table.text('name').notNullable()
      table.text('client_id').notNullable().unique()
      table.jsonb('jwks').nullable()
      table.text('jwks_uri').nullable()
      table.specificType('redirect_uris', 'text[]').notNullable()
      table.specificType('cors_origins', 'text[]').notNullable().defaultTo('{}')
      table.specificType('scopes', 'text[]').notNullable()
      table.text('rate_tier').notNullable().defaultTo('standard')
      table.text('status').notNullable().defaultTo('active')
      table.bigInteger('registered_by').nullable().references('id').inTable('staff_users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check("status in ('active', 'suspended')", [], 'partners_status')
      table.check("rate_tier in ('sandbox', 'standard', 'premium')", [], 'partners_rate_tier')
      table.check('(jwks is null) <> (jwks_uri is null)', [], 'partners_one_key_source')
      table.check("scopes <@ array['accounts', 'payments']::text[] and cardinality(scopes) > 0", [], 'partners_scopes')
      table.check('cardinality(redirect_uris) between 1 and 10', [], 'partners_redirect_uris')
    })

    this.schema.createTable('oauth_records', (table) => {
      table.text('model').notNullable()
      table.text('id').notNullable()
      table.jsonb('payload').notNullable()
      table.text('grant_id').nullable()
      table.text('uid').nullable()
      table.text('user_code').nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.timestamp('consumed_at', { useTz: true }).nullable()
      table.primary(['model', 'id'])
    })
    this.schema.raw('create index oauth_records_grant on oauth_records (grant_id) where grant_id is not null')
    this.schema.raw('create index oauth_records_uid on oauth_records (uid) where uid is not null')
    this.schema.raw('create index oauth_records_user_code on oauth_records (user_code) where user_code is not null')
    this.schema.raw('create index oauth_records_expiry on oauth_records (expires_at) where expires_at is not null')

    this.schema.createTable('openbanking_consents', (table) => {
      table.text('id').primary()
      /* listing order and cursor of the customer's and the partner page's lists */
      table.specificType('seq', 'bigint generated always as identity').notNullable().unique()
      table.text('kind').notNullable()
      table.bigInteger('partner_id').notNullable().references('id').inTable('partners')
      table.bigInteger('customer_id').nullable().references('id').inTable('customers')
      table.text('status').notNullable().defaultTo('AWAU')
      table.specificType('permissions', 'text[]').notNullable().defaultTo('{}')
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.timestamp('transactions_from', { useTz: true }).nullable()
      table.timestamp('transactions_to', { useTz: true }).nullable()
      table.specificType('account_ids', 'bigint[]').notNullable().defaultTo('{}')
      table.jsonb('initiation').nullable()
      table.text('grant_id').nullable().unique()
      table.uuid('payment_authorisation_id').nullable().unique().references('id').inTable('payment_authorisations')
      table.text('status_reason').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('status_updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check("kind in ('account_access', 'domestic_payment')", [], 'openbanking_consents_kind')
      table.check("status in ('AWAU', 'AUTH', 'RJCT', 'COND', 'CANC', 'EXPD')", [], 'openbanking_consents_status')
      table.check("status not in ('AUTH', 'COND') or customer_id is not null", [], 'openbanking_consents_customer')
      table.check(
        'transactions_from is null or transactions_to is null or transactions_from <= transactions_to',
        [],
        'openbanking_consents_window'
      )
    })
    this.schema.raw('create index openbanking_consents_partner on openbanking_consents (partner_id, seq desc)')
    this.schema.raw(
      'create index openbanking_consents_customer on openbanking_consents (customer_id, seq desc) where customer_id is not null'
    )

    this.schema.createTable('openbanking_payments', (table) => {
      table.text('id').primary()
      table.text('consent_id').notNullable().unique().references('id').inTable('openbanking_consents')
      table.bigInteger('partner_id').notNullable().references('id').inTable('partners')
      table.bigInteger('customer_id').notNullable().references('id').inTable('customers')
      table.bigInteger('transaction_id').nullable().references('id').inTable('ledger_transactions')
      table.bigInteger('held_payment_id').nullable().references('id').inTable('risk_held_payments')
      table.text('idempotency_key').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check('(transaction_id is null) <> (held_payment_id is null)', [], 'openbanking_payments_outcome')
    })

    this.schema.createTable('openbanking_access_log', (table) => {
      table.bigIncrements('id')
      table.text('consent_id').notNullable().references('id').inTable('openbanking_consents')
      table.bigInteger('partner_id').notNullable().references('id').inTable('partners')
      table.text('method').notNullable()
      table.text('route').notNullable()
      table.text('path').notNullable()
      table.integer('status').notNullable()
      table.text('request_id').nullable()
      table.text('interaction_id').nullable()
      table.timestamp('at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw('create index openbanking_access_log_consent on openbanking_access_log (consent_id, id desc)')
    /* risk_reject_change(): the shared append-only trigger (database/sql/risk/risk_reject_change.sql) */
    this.schema.raw(
      `create trigger openbanking_access_log_append_only before update or delete on openbanking_access_log
         for each row execute function risk_reject_change()`
    )
  }

  async down() {
    this.schema.dropTable('openbanking_access_log')
    this.schema.dropTable('openbanking_payments')
    this.schema.dropTable('openbanking_consents')
    this.schema.dropTable('oauth_records')
    this.schema.dropTable('partners')
  }
}
