import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ERASED_NAME, openPersonalRows } from '#services/keys/customer_personal_data'

/**
 * Customers' names for lists that show them next to other rows (loans,
 * risk alerts, consents…): ONE query for all ids and one keyring call,
 * instead of a join on the (sealed) name column. An erased customer's
 * name is '[erased]'; an id without a customer is absent from the map.
 */
export async function customerNames(
  ids: Iterable<number | string | bigint>,
  client: QueryClientContract | TransactionClientContract | typeof db = db
): Promise<Map<number, string>> {
  const unique = [...new Set([...ids].map((id) => Number(id)))].filter((id) => Number.isSafeInteger(id))
  const names = new Map<number, string>()
  if (unique.length === 0) return names
  const rows = await client
    .from('customers')
    .whereIn('id', unique)
    .select('id', 'personal_data', 'full_name', 'email')
  const opened = await openPersonalRows(rows, client)
  for (const row of rows) {
    const fields = opened.get(Number(row.id))
    names.set(Number(row.id), fields ? fields.fullName : ERASED_NAME)
  }
  return names
}

/** One customer's name, or null when there is no such customer */
export async function customerName(
  id: number,
  client?: QueryClientContract | TransactionClientContract | typeof db
): Promise<string | null> {
  return (await customerNames([id], client)).get(id) ?? null
}
