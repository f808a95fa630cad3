import hash from '@adonisjs/core/services/hash'
import type { LucidRow } from '@adonisjs/lucid/types/model'
import type { FactoryContextContract } from '@adonisjs/lucid/types/factory'

const hashes = new Map<string, Promise<string>>()

/**
 * Factory people share one password, hashed once per process: scrypt costs
 * ~30 ms by design and the suites create hundreds of customers and staff.
 * The row is inserted with a real scrypt hash of `clear` (hash.verify()
 * accepts it) through saveQuietly(), in the factory's transaction: save()
 * would run the model's beforeSave hook (withAuthFinder), which hashes the
 * hash again; the models have no other hook. The factory's own save() that
 * follows finds the row persisted and unchanged and writes nothing. A
 * password merged by the caller is left to the model, hashed as usual.
 */
export async function insertWithKnownPassword(
  row: LucidRow & { password: string },
  clear: string,
  { $trx }: FactoryContextContract
) {
  if (row.password !== clear) return
  if (!hashes.has(clear)) hashes.set(clear, hash.make(clear))
  row.password = await hashes.get(clear)!
  if ($trx) row.useTransaction($trx)
  await row.saveQuietly()
}
