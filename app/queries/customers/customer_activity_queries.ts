import db from '@adonisjs/lucid/services/db'
import { Money } from '#domain/money/money'

export interface CustomerActivityLine {
  entryId: number
  transactionId: number
  accountId: number
  accountNumber: string
  kind: string
  direction: 'debit' | 'credit'
  amount: Money
  reference: string | null
  bookedAt: string
}

/**
 * Read side for the backoffice customer page: the latest ledger entries
 * across all of a customer's (non-internal) accounts, newest first.
 */
export default class CustomerActivityQueries {
  async recentEntries(customerId: number, limit = 10): Promise<CustomerActivityLine[]> {
    const rows = await db
      .from('ledger_entries as e')
      .join('ledger_transactions as t', 't.id', 'e.transaction_id')
      .join('accounts as a', 'a.id', 'e.account_id')
      .where('a.customer_id', customerId)
      .whereNot('a.kind', 'internal')
      .select(
        'e.id', 'e.transaction_id', 'e.account_id', 'a.number', 'e.direction', 'e.amount', 'e.currency',
        't.kind', 't.reference',
        db.raw(`to_char(t.booked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as booked_at`)
      )
      .orderBy('e.id', 'desc')
      .limit(limit)
    return rows.map((row) => ({
      entryId: Number(row.id),
      transactionId: Number(row.transaction_id),
      accountId: Number(row.account_id),
      accountNumber: row.number,
      kind: row.kind,
      direction: row.direction,
      amount: Money.fromMinorString(String(row.amount), row.currency),
      reference: row.reference,
      bookedAt: row.booked_at,
    }))
  }
}
