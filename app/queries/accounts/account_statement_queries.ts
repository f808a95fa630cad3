import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Money } from '#domain/money/money'

export interface StatementFilters {
  /** inclusive, 'YYYY-MM-DD' (UTC days) */
  from?: string | null
  /** inclusive, 'YYYY-MM-DD' (UTC days) */
  to?: string | null
  direction?: 'debit' | 'credit' | null
}

export interface StatementLine {
  entryId: number
  transactionId: number
  kind: string
  direction: 'debit' | 'credit'
  amount: Money
  /** The account's balance right after this entry (all entries, whatever the filters) */
  runningBalance: Money
  reference: string | null
  description: string | null
  reversesId: number | null
  reversedById: number | null
  bookedAt: string
}

/**
 * The statement of one account. The running balance is a window sum over
 * ALL the account's entries in booking order (entry id), computed before
 * the filters and the page are applied, so it is right on every page and
 * under every filter. Signs follow the account's normal balance.
 * `client`: the read replica for the statement pages and their CSV
 * (app/services/database/read_replica.ts), the primary by default.
 */
export default class AccountStatementQueries {
  async page(
    accountId: number,
    filters: StatementFilters,
    page: number,
    perPage: number,
    client: QueryClientContract = db.connection()
  ) {
    const { ctes, columns, bindings } = this.statementSql(accountId, filters)
    const [counted, listed] = await Promise.all([
      client.rawQuery(`${ctes} select count(*)::int as total from filtered`, bindings),
      client.rawQuery(`${ctes} select ${columns} from filtered order by id desc limit ? offset ?`, [
        ...bindings,
        perPage,
        (page - 1) * perPage,
      ]),
    ])
    return { lines: listed.rows.map(toLine), total: Number(counted.rows[0].total) }
  }

  /** Every line matching the filters, in booking order (CSV export) */
  async all(accountId: number, filters: StatementFilters, client: QueryClientContract = db.connection()) {
    const { ctes, columns, bindings } = this.statementSql(accountId, filters)
    const { rows } = await client.rawQuery(`${ctes} select ${columns} from filtered order by id asc`, bindings)
    return rows.map(toLine)
  }

  private statementSql(accountId: number, filters: StatementFilters) {
    const where: string[] = []
    const bindings: Array<string | number> = [accountId]
    if (filters.from) {
      where.push(`booked_at >= ?::date`)
      bindings.push(filters.from)
    }
    if (filters.to) {
      where.push(`booked_at < ?::date + 1`)
      bindings.push(filters.to)
    }
    if (filters.direction) {
      where.push('direction = ?')
      bindings.push(filters.direction)
    }
    const ctes = `with statement as (
        select e.id, e.transaction_id, e.direction, e.amount, e.currency, t.kind, t.reference, t.description,
               t.reverses_id, r.id as reversed_by_id, t.booked_at at time zone 'UTC' as booked_at,
               sum(case when e.direction = a.normal_balance then e.amount else -e.amount end)
                 over (order by e.id rows between unbounded preceding and current row) as running
          from ledger_entries e
          join accounts a on a.id = e.account_id
          join ledger_transactions t on t.id = e.transaction_id
          left join ledger_transactions r on r.reverses_id = t.id
         where e.account_id = ?
      ), filtered as (
        select * from statement ${where.length ? `where ${where.join(' and ')}` : ''}
      )`
    const columns = `*, to_char(booked_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as booked_at_iso, running::text as running_text`
    return { ctes, columns, bindings }
  }
}

function toLine(row: any): StatementLine {
  return {
    entryId: Number(row.id),
    transactionId: Number(row.transaction_id),
    kind: row.kind,
    direction: row.direction,
    amount: Money.fromMinorString(String(row.amount), row.currency),
    runningBalance: Money.fromMinorString(row.running_text, row.currency),
    reference: row.reference,
    description: row.description,
    reversesId: row.reverses_id === null ? null : Number(row.reverses_id),
    reversedById: row.reversed_by_id === null ? null : Number(row.reversed_by_id),
    bookedAt: row.booked_at_iso,
  }
}
