import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Personal data encryption (issue 13): an application's purpose is the
 * applicant's own words, sealed with the declared income and obligations
 * in loans.personal_data (0690). The plaintext column becomes nullable:
 * new rows leave it NULL, the backfill (pii:encrypt) empties old ones.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('loans', (table) => {
      table.setNullable('purpose')
    })
  }

  async down() {
    /* rows sealed meanwhile have no plaintext purpose: NOT NULL cannot come back without them */
    this.schema.raw("update loans set purpose = '' where purpose is null")
    this.schema.alterTable('loans', (table) => {
      table.dropNullable('purpose')
    })
  }
}
