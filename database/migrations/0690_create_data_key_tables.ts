import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Personal data encryption (ARCHITECTURE §8, issue 13).
 *
 * - customer_data_keys: one data key per customer, only wrapped by the key
 *   provider's master key (app/services/keys/data_keyring.ts). wrapped_key
 *   null = destroyed (crypto-shredding), with destroyed_at. No foreign key
 *   to customers: the key is made before the customer row is inserted (its
 *   id is reserved from the sequence) so the row can be sealed in one
 *   insert, with or without a transaction; an orphan key is harmless.
 * - bank_data_keys: bank-wide data keys by purpose (the blind-index key).
 * - customers: personal_data holds the sealed personal fields (name, email,
 *   phone, date of birth, address, national id, KYC document metadata);
 *   email_index / national_id_index / name_index are blind indexes (HMAC)
 *   for lookups; residency_region is where the customer's data must live.
 *   The plaintext columns become nullable: the backfill
 *   (`node ace pii:encrypt`) seals existing rows in batches on a live
 *   database and empties them; a later migration drops them.
 * - loans: personal_data holds the applicant's declared income and
 *   obligations, sealed under the customer's key.
 */
export default class extends BaseSchema {
  async up() {
    const { homeRegion } = await import('#services/residency/regions')

    this.schema.createTable('customer_data_keys', (table) => {
      table.bigInteger('customer_id').primary()
      table.string('region', 16).notNullable()
      table.string('provider', 16).notNullable()
      table.string('master_key_id', 300).notNullable()
      table.binary('wrapped_key').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('rotated_at', { useTz: true }).nullable()
      table.timestamp('destroyed_at', { useTz: true }).nullable()
      table.check('(wrapped_key is null) = (destroyed_at is not null)', [], 'customer_data_keys_destroyed')
    })
    this.schema.raw('create index customer_data_keys_master_key_idx on customer_data_keys (master_key_id) where wrapped_key is not null')

    this.schema.createTable('bank_data_keys', (table) => {
      table.string('purpose', 40).primary()
      table.string('provider', 16).notNullable()
      table.string('master_key_id', 300).notNullable()
      table.binary('wrapped_key').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('rotated_at', { useTz: true }).nullable()
    })

    this.schema.alterTable('customers', (table) => {
      table.binary('personal_data').nullable()
      table.string('email_index', 64).nullable()
      table.string('national_id_index', 64).nullable()
      table.specificType('name_index', 'text[]').nullable()
      table.string('residency_region', 16).notNullable().defaultTo(homeRegion())
      table.setNullable('full_name')
      table.setNullable('email')
    })
    this.schema.raw('create unique index customers_email_index_unique on customers (email_index)')
    this.schema.raw('create index customers_national_id_index_idx on customers (national_id_index)')
    this.schema.raw('create index customers_name_index_idx on customers using gin (name_index)')
    this.schema.raw('create index customers_residency_region_idx on customers (residency_region)')

    this.schema.alterTable('loans', (table) => {
      table.binary('personal_data').nullable()
      table.setNullable('monthly_income')
      table.setNullable('monthly_obligations')
    })
  }

  async down() {
    this.schema.alterTable('loans', (table) => {
      table.dropColumn('personal_data')
    })
    this.schema.alterTable('customers', (table) => {
      table.dropColumn('personal_data')
      table.dropColumn('email_index')
      table.dropColumn('national_id_index')
      table.dropColumn('name_index')
      table.dropColumn('residency_region')
    })
    this.schema.dropTable('bank_data_keys')
    this.schema.dropTable('customer_data_keys')
  }
}
