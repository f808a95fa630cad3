import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { Money } from '#domain/money/money'
import { type TransactionRecord, toTransactionRecord } from '#domain/ledger/records'

export interface EntryLine {
  entryId: number
  transactionId: number
  kind: string
  direction: 'debit' | 'credit'
  amount: Money
  reference: string | null
  description: string | null
  /**
   * Who is on the other side: 'cash' (the bank's vault: deposits and
   * withdrawals), 'bank' (another of the bank's own accounts: fees,
   * interest, adjustments), 'account' (a customer account, whose id is in
   * counterpartyAccountId), null when the transaction names none. The
   * bank's internal account ids are never returned.
   */
  counterparty: 'cash' | 'bank' | 'account' | null
  /** Only for a customer account counterparty */
  counterpartyAccountId: number | null
  reversesId: number | null
  bookedAt: string
}

export interface EntryPage {
  data: EntryLine[]
  /** Pass back as `cursor` for the next (older) page; null at the end */
  nextCursor: number | null
}

const transactionJson = `jsonb_build_object(
  'id', t.id, 'kind', t.kind, 'debtor_account_id', t.debtor_account_id,
  'creditor_account_id', t.creditor_account_id, 'amount', t.amount::text, 'currency', t.currency,
  'reference', t.reference, 'reverses_id', t.reverses_id,
  'booked_at', to_char(t.booked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) as r`

/**
 * Read side of the ledger: transfers visible to a customer, an account's
 * entries (cursor pagination by entry id, newest first), balances.
 * Callers authorise access to the account first (policies).
 */
export default class LedgerQueries {
  /** A transaction by id, for staff */
  async findTransaction(id: number): Promise<TransactionRecord | null> {
    const { rows } = await db.rawQuery(
      `select ${transactionJson} from ledger_transactions t where t.id = ?`,
      [id]
    )
    return rows[0] ? toTransactionRecord(rows[0].r) : null
  }

  /** A transfer whose debtor or creditor account belongs to the customer, else null */
  async findTransferForCustomer(id: number, customerId: number): Promise<TransactionRecord | null> {
    const { rows } = await db.rawQuery(
      `select ${transactionJson} from ledger_transactions t
        where t.id = ? and t.kind = 'transfer'
          and exists (select 1 from accounts a
                       where a.id in (t.debtor_account_id, t.creditor_account_id) and a.customer_id = ?)`,
      [id, customerId]
    )
    return rows[0] ? toTransactionRecord(rows[0].r) : null
  }

  async listAccountEntries(
    accountId: number,
    options: {
      limit?: number
      cursor?: number | null
      from?: DateTime | null
      to?: DateTime | null
      /** only entries in these directions (default both) */
      directions?: Array<'credit' | 'debit'>
    } = {}
  ): Promise<EntryPage> {
    const limit = Math.min(Math.max(options.limit ?? 25, 1), 100)
    const query = db
      .from('ledger_entries as e')
      .join('ledger_transactions as t', 't.id', 'e.transaction_id')
      .joinRaw(
        `left join accounts as c on c.id = case when t.debtor_account_id = e.account_id
           then t.creditor_account_id else t.debtor_account_id end`
      )
      .where('e.account_id', accountId)
      .select(
        'e.id', 'e.transaction_id', 'e.direction', 'e.amount', 'e.currency', 't.kind', 't.reference',
        't.description', 't.reverses_id', 'c.id as counterparty_id', 'c.kind as counterparty_kind',
        'c.system_code as counterparty_code',
        db.raw(`to_char(t.booked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as booked_at`)
      )
      .orderBy('e.id', 'desc')
      .limit(limit + 1)
    if (options.cursor) query.where('e.id', '<', options.cursor)
    if (options.from) query.where('t.booked_at', '>=', options.from.toISO()!)
    if (options.to) query.where('t.booked_at', '<', options.to.toISO()!)
    if (options.directions && options.directions.length < 2) query.whereIn('e.direction', options.directions)
    const rows = await query
    const page = rows.slice(0, limit)
    return {
      data: page.map((row) => ({
        entryId: Number(row.id),
        transactionId: Number(row.transaction_id),
        kind: row.kind,
        direction: row.direction,
        amount: Money.fromMinorString(String(row.amount), row.currency),
        reference: row.reference,
        description: row.description,
        ...counterparty(row),
        reversesId: row.reverses_id === null ? null : Number(row.reverses_id),
        bookedAt: row.booked_at,
      })),
      nextCursor: rows.length > limit ? Number(page[page.length - 1].id) : null,
    }
  }

  /** Balance and available of a customer account; for internal accounts, the sum of entries */
  async balances(accountId: number): Promise<{ balance: Money; available: Money } | null> {
    const account = await db.from('accounts').where('id', accountId).first()
    if (!account) return null
    if (account.kind !== 'internal') {
      return {
        balance: Money.fromMinorString(String(account.balance), account.currency),
        available: Money.fromMinorString(String(account.available), account.currency),
      }
    }
    const { rows } = await db.rawQuery(
      `select coalesce(sum(case when direction = ? then amount else -amount end), 0)::text as total
         from ledger_entries where account_id = ?`,
      [account.normal_balance, accountId]
    )
    const balance = Money.fromMinorString(rows[0].total, account.currency)
    return { balance, available: balance }
  }
}

function counterparty(row: any): Pick<EntryLine, 'counterparty' | 'counterpartyAccountId'> {
  if (row.counterparty_id === null || row.counterparty_id === undefined) {
    return { counterparty: null, counterpartyAccountId: null }
  }
  if (row.counterparty_kind === 'internal') {
    return { counterparty: row.counterparty_code === 'vault_cash' ? 'cash' : 'bank', counterpartyAccountId: null }
  }
  return { counterparty: 'account', counterpartyAccountId: Number(row.counterparty_id) }
}
