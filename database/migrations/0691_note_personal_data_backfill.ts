import { BaseSchema } from '@adonisjs/lucid/schema'
import logger from '@adonisjs/core/services/logger'

/**
 * No schema change: after 0690 (personal data encryption), says how many
 * customers still hold personal data in plaintext and that
 * `node ace pii:encrypt` seals them (in batches, on the live database,
 * resumable). The backfill is not run here: a migration runs in one
 * transaction, and sealing a large table in it would lock every customer
 * until the end. The application reads unsealed rows as before meanwhile.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const row = await db.from('customers').whereNull('personal_data').whereNotNull('full_name').count('* as n').first()
      const count = Number(row?.n ?? 0)
      if (count > 0) {
        logger.warn(
          `${count} customers still hold personal data in plaintext: run "node ace pii:encrypt" to seal them (safe while the application runs)`
        )
      }
    })
  }

  async down() {}
}
