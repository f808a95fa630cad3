import db from '@adonisjs/lucid/services/db'
import { Money } from '#domain/money/money'

export interface TransactionDetail {
  id: number
  kind: string
  amount: Money
  reference: string | null
  description: string | null
  actorType: string
  actorId: string | null
  bookedAt: string
  metadata: Record<string, unknown>
  reversesId: number | null
  reversedById: number | null
  pendingReversalApprovalId: number | null
  entries: Array<{
    id: number
    accountId: number
    accountNumber: string
    accountName: string
    internal: boolean
    direction: 'debit' | 'credit'
    amount: Money
  }>
}

/** One ledger transaction with all its entries and where it stands on reversal (staff only) */
export default class TransactionDetailQuery {
  async find(id: number): Promise<TransactionDetail | null> {
    const { rows } = await db.rawQuery(
      `select t.*, t.amount::text as amount_text, r.id as reversed_by_id,
              to_char(t.booked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as booked_at_iso,
              (select p.id from approvals p
                where p.kind = 'ledger.reversal' and p.status = 'pending'
                  and p.subject_type = 'ledger_transaction' and p.subject_id = t.id::text
                order by p.id limit 1) as pending_reversal_id
         from ledger_transactions t
         left join ledger_transactions r on r.reverses_id = t.id
        where t.id = ?`,
      [id]
    )
    const t = rows[0]
    if (!t) return null
    const entries = await db
      .from('ledger_entries as e')
      .join('accounts as a', 'a.id', 'e.account_id')
      .where('e.transaction_id', id)
      .orderBy('e.id')
      .select('e.id', 'e.account_id', 'e.direction', 'e.amount', 'e.currency', 'a.number', 'a.name', 'a.kind')
    return {
      id: Number(t.id),
      kind: t.kind,
      amount: Money.fromMinorString(t.amount_text, t.currency),
      reference: t.reference,
      description: t.description,
      actorType: t.actor_type,
      actorId: t.actor_id,
      bookedAt: t.booked_at_iso,
      metadata: t.metadata ?? {},
      reversesId: t.reverses_id === null ? null : Number(t.reverses_id),
      reversedById: t.reversed_by_id === null ? null : Number(t.reversed_by_id),
      pendingReversalApprovalId: t.pending_reversal_id === null ? null : Number(t.pending_reversal_id),
      entries: entries.map((e) => ({
        id: Number(e.id),
        accountId: Number(e.account_id),
        accountNumber: e.number,
        accountName: e.name,
        internal: e.kind === 'internal',
        direction: e.direction,
        amount: Money.fromMinorString(String(e.amount), e.currency),
      })),
    }
  }
}
