import db from '@adonisjs/lucid/services/db'
import { Money } from '#domain/money/money'
import type { RiskEvent } from '#domain/risk/risk_event'

/** The ledger transaction kinds the risk rules look at */
export const SCORED_KINDS = ['transfer', 'deposit', 'withdrawal'] as const

/**
 * A committed ledger transaction as the event the risk rules assess:
 * a transfer is the debtor customer's payment, a withdrawal theirs, a
 * deposit the creditor customer's. Null for other kinds and for postings
 * without a customer account on the assessed side.
 */
export default class ScoredTransactionQuery {
  async event(transactionId: number): Promise<RiskEvent | null> {
    const row = await db
      .from('ledger_transactions as t')
      .leftJoin('accounts as d', 'd.id', 't.debtor_account_id')
      .leftJoin('accounts as c', 'c.id', 't.creditor_account_id')
      .where('t.id', transactionId)
      .whereIn('t.kind', [...SCORED_KINDS])
      .select(
        't.kind',
        't.amount',
        't.currency',
        't.booked_at',
        't.actor_type',
        't.debtor_account_id',
        't.creditor_account_id',
        'd.customer_id as debtor_customer_id',
        'c.customer_id as creditor_customer_id'
      )
      .first()
    if (!row) return null
    const deposit = row.kind === 'deposit'
    const customerId = deposit ? row.creditor_customer_id : row.debtor_customer_id
    if (customerId === null || customerId === undefined) return null
    return {
      kind: row.kind === 'transfer' ? 'payment' : row.kind,
      at: new Date(row.booked_at),
      customerId: Number(customerId),
      accountId: Number(deposit ? row.creditor_account_id : row.debtor_account_id),
      amount: Money.fromMinorString(String(row.amount), row.currency),
      payeeAccountId: row.kind === 'transfer' && row.creditor_account_id !== null ? Number(row.creditor_account_id) : null,
      channel: row.actor_type === 'customer' ? 'api' : row.actor_type === 'partner' ? 'partner' : 'teller',
    }
  }

  /** Ids of the scored transactions booked from `since` (and before `until`), after `afterId`, oldest first */
  async idsSince(since: Date, until: Date | null, afterId: number, limit: number): Promise<number[]> {
    const query = db
      .from('ledger_transactions')
      .where('booked_at', '>=', since)
      .where('id', '>', afterId)
      .whereIn('kind', [...SCORED_KINDS])
      .orderBy('id')
      .limit(limit)
      .select('id')
    if (until) query.where('booked_at', '<', until)
    return (await query).map((row) => Number(row.id))
  }

  async countSince(since: Date, until: Date | null): Promise<number> {
    const query = db.from('ledger_transactions').where('booked_at', '>=', since).whereIn('kind', [...SCORED_KINDS])
    if (until) query.where('booked_at', '<', until)
    const [{ count }] = await query.count('* as count')
    return Number(count)
  }
}
