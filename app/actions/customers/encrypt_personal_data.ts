import db from '@adonisjs/lucid/services/db'
import DataKeyring from '#services/keys/data_keyring'
import { legacyFields, personalDataErased, sealPersonalFields } from '#services/keys/customer_personal_data'
import { homeRegion } from '#services/residency/regions'

export interface EncryptPersonalDataSummary {
  /** rows sealed by this run */
  sealed: number
  batches: number
  /** legacy rows still in plaintext at the end (locked by another transaction while this run passed, or added since) */
  remaining: number
}

/** Rows whose personal data is still in plaintext (before issue 13) */
const LEGACY = 'personal_data is null and full_name is not null'

/**
 * The backfill of issue 13 (`node ace pii:encrypt`): seals the personal
 * fields of customers stored before encryption (ARCHITECTURE §8) and
 * empties their plaintext columns, on a live database:
 * - batches of `batchSize` rows, each in its own transaction, taken with
 *   `for update skip locked` (a row the app is changing is skipped this
 *   pass and taken by a later one; two backfills never take the same row);
 * - each batch makes the batch's data keys in one insert, seals every row
 *   and writes it in one UPDATE … FROM (values), then commits: stopping
 *   the run (or a crash) loses at most the current batch, and the next run
 *   carries on with the rows still in plaintext (resumable, idempotent: a
 *   sealed row is never taken again);
 * - a row saved by the app in the meantime is sealed by the model itself;
 * - a customer whose key was already destroyed (erased) is not sealed:
 *   its plaintext columns are emptied.
 * Returns what it did; `onProgress(done, total)` after each batch.
 */
export default class EncryptPersonalData {
  async handle(input: {
    batchSize?: number
    onProgress?: (done: number, total: number) => void
  } = {}): Promise<EncryptPersonalDataSummary> {
    const batchSize = Math.max(1, Math.min(input.batchSize ?? 500, 5000))
    const total = await this.countLegacy()
    let sealed = 0
    let batches = 0
    input.onProgress?.(0, total)
    while (true) {
      const done = await this.sealBatch(batchSize)
      if (done === 0) break
      sealed += done
      batches += 1
      input.onProgress?.(Math.min(sealed, total), Math.max(total, sealed))
    }
    return { sealed, batches, remaining: await this.countLegacy() }
  }

  async countLegacy(): Promise<number> {
    const row = await db.from('customers').whereRaw(LEGACY).count('* as n').first()
    return Number(row?.n ?? 0)
  }

  /** One batch in one transaction: how many rows it sealed (0: none left that are not locked) */
  private async sealBatch(batchSize: number): Promise<number> {
    return db.transaction(async (trx) => {
      const rows = await trx
        .from('customers')
        .whereRaw(LEGACY)
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .select('id', 'full_name', 'email', 'phone', 'date_of_birth', 'address', 'kyc_documents', 'residency_region')
      if (rows.length === 0) return 0
      const keys = await DataKeyring.forNewCustomers(
        rows.map((row) => ({ id: Number(row.id), region: row.residency_region ?? homeRegion() })),
        trx
      )
      /* a customer erased before being sealed: nothing to seal, the plaintext goes */
      const erased = rows.filter((row) => !keys.get(Number(row.id))).map((row) => Number(row.id))
      if (erased.length > 0) {
        await trx
          .from('customers')
          .whereIn('id', erased)
          .update({ full_name: null, email: null, phone: null, date_of_birth: null, address: null, kyc_documents: '[]' })
      }
      const live = rows.filter((row) => keys.get(Number(row.id)))
      if (live.length === 0) return rows.length
      const values = await Promise.all(
        live.map(async (row) => {
          const id = Number(row.id)
          const key = keys.get(id)
          if (!key) throw personalDataErased()
          const sealed = await sealPersonalFields(id, key, legacyFields(row))
          return [id, sealed.personal_data, sealed.email_index, sealed.national_id_index, sealed.name_index]
        })
      )
      const placeholders = values.map(() => '(?::bigint, ?::bytea, ?::text, ?::text, ?::text[])').join(', ')
      await trx.rawQuery(
        `update customers c
            set personal_data = v.personal_data, email_index = v.email_index,
                national_id_index = v.national_id_index, name_index = v.name_index,
                full_name = null, email = null, phone = null, date_of_birth = null, address = null,
                kyc_documents = '[]'::jsonb
           from (values ${placeholders}) as v(id, personal_data, email_index, national_id_index, name_index)
          where c.id = v.id and c.personal_data is null`,
        /* name indexes are base64url (no quotes, commas or braces): a text[] literal */
        values.flatMap(([id, data, email, nationalId, names]) => [id, data, email, nationalId, `{${(names as string[]).join(',')}}`]) as any[]
      )
      return rows.length
    })
  }
}
