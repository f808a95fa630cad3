import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * The explicit booking time (database/sql/ledger/ledger_booking_time.sql), for the demo bank's history
 * only (SeedDemoBank is the one caller). Within `trx`, the ledger postings
 * that follow are booked at `at` instead of now(); the database refuses it
 * (E_BACKDATING_REFUSED) unless it is marked as a development/test database,
 * and refuses a time in the future. The setting is transaction-local: it
 * ends with `trx`, so a pooled connection never carries it to anyone else.
 */
export async function bookNextPostingsAt(trx: TransactionClientContract, at: Date) {
  await trx.rawQuery(`select set_config('strongroom.booking_time', ?, true)`, [at.toISOString()])
}

/** True when this database honours an explicit booking time (marked by its migrations in development/test) */
export async function backdatingAllowed(client: QueryClientContract) {
  const { rows } = await client.rawQuery('select ledger_backdating_allowed() as allowed')
  return rows[0].allowed === true
}
