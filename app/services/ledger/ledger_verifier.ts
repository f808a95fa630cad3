import db from '@adonisjs/lucid/services/db'
import { Money } from '#domain/money/money'

export interface Discrepancy {
  check: 'balance' | 'available' | 'entries_hash' | 'unbalanced' | 'entry_count' | 'entry_currency' | 'immutability'
  subject: string
  message: string
}

export interface InternalBalance {
  accountId: number
  systemCode: string
  balance: Money
}

export interface VerificationReport {
  ok: boolean
  accountsChecked: number
  transactionsChecked: number
  discrepancies: Discrepancy[]
  internalBalances: InternalBalance[]
}

export type ProgressListener = (phase: 'accounts' | 'transactions', done: number, total: number) => void

/**
 * Recomputes the ledger from its entries (ARCHITECTURE §3): every customer
 * account's balance and available (balance − active holds), debits =
 * credits per transaction and currency, each transaction's entries_hash,
 * entry currencies, and the immutability triggers. Work is batched by id
 * range: one query per batch, each a consistent snapshot of rows and
 * entries, so it can run while postings continue.
 */
export default class LedgerVerifier {
  async verify(options: { batchSize?: number; onProgress?: ProgressListener } = {}) {
    const batch = options.batchSize ?? 1000
    const discrepancies: Discrepancy[] = [...(await this.checkTriggers())]

    const accounts = await this.inRanges('accounts', batch * 1, (from, to) => this.checkAccounts(from, to), (d, t) =>
      options.onProgress?.('accounts', d, t))
    const transactions = await this.inRanges('ledger_transactions', batch * 10, (from, to) =>
      this.checkTransactions(from, to), (d, t) => options.onProgress?.('transactions', d, t))
    discrepancies.push(...accounts.found, ...transactions.found)

    const report: VerificationReport = {
      ok: discrepancies.length === 0,
      accountsChecked: accounts.checked,
      transactionsChecked: transactions.checked,
      discrepancies,
      internalBalances: await this.internalBalances(),
    }
    return report
  }

  private async inRanges(
    table: string,
    size: number,
    check: (from: number, to: number) => Promise<{ checked: number; found: Discrepancy[] }>,
    progress: (done: number, total: number) => void
  ) {
    const { rows } = await db.rawQuery(`select coalesce(max(id), 0)::bigint as max from ${table}`)
    const max = Number(rows[0].max)
    const result = { checked: 0, found: [] as Discrepancy[] }
    for (let from = 0; from < max; from += size) {
      const part = await check(from, Math.min(from + size, max))
      result.checked += part.checked
      result.found.push(...part.found)
      progress(Math.min(from + size, max), max)
    }
    return result
  }

  private async checkAccounts(from: number, to: number) {
    const { rows } = await db.rawQuery(
      `select a.id, a.number, a.balance::text as balance, a.available::text as available,
              coalesce(e.net, 0)::text as computed, (coalesce(e.net, 0) - coalesce(h.held, 0))::text as computed_available
         from accounts a
         left join lateral (select sum(case when x.direction = a.normal_balance then x.amount else -x.amount end) as net
                              from ledger_entries x where x.account_id = a.id) e on true
         left join lateral (select sum(amount) as held from holds where account_id = a.id and status = 'active') h on true
        where a.kind <> 'internal' and a.id > ? and a.id <= ?`,
      [from, to]
    )
    const found: Discrepancy[] = []
    for (const r of rows) {
      if (r.balance !== r.computed) {
        found.push({ check: 'balance', subject: `account ${r.id} (${r.number})`,
          message: `balance ${r.balance} but entries sum to ${r.computed}` })
      }
      if (r.available !== r.computed_available) {
        found.push({ check: 'available', subject: `account ${r.id} (${r.number})`,
          message: `available ${r.available} but entries − active holds = ${r.computed_available}` })
      }
    }
    return { checked: rows.length, found }
  }

  private async checkTransactions(from: number, to: number) {
    const { rows } = await db.rawQuery(
      `select t.id, t.entries_hash, x.hash, x.n, x.bad_currency, u.unbalanced, count(*) over () as checked
         from ledger_transactions t
         left join lateral (
           select count(*) as n,
                  ledger_entries_hash(t.id, array_agg(e.account_id), array_agg(e.direction::text),
                                      array_agg(e.amount), array_agg(e.currency::text)) as hash,
                  string_agg(case when e.currency <> a.currency then e.id::text end, ',') as bad_currency
             from ledger_entries e join accounts a on a.id = e.account_id
            where e.transaction_id = t.id) x on true
         left join lateral (
           select string_agg(currency || ' ' || diff::text, ', ') as unbalanced
             from (select currency, sum(case when direction = 'debit' then amount else -amount end) as diff
                     from ledger_entries where transaction_id = t.id group by currency) d
            where diff <> 0) u on true
        where t.id > ? and t.id <= ?`,
      [from, to]
    )
    const found: Discrepancy[] = []
    for (const r of rows) {
      const subject = `transaction ${r.id}`
      if (Number(r.n) < 2) found.push({ check: 'entry_count', subject, message: `${r.n} entries` })
      if (r.hash !== r.entries_hash) {
        found.push({ check: 'entries_hash', subject, message: `stored ${r.entries_hash}, entries hash to ${r.hash}` })
      }
      if (r.unbalanced) found.push({ check: 'unbalanced', subject, message: `debits − credits: ${r.unbalanced}` })
      if (r.bad_currency) {
        found.push({ check: 'entry_currency', subject, message: `entries ${r.bad_currency} differ from their account's currency` })
      }
    }
    return { checked: rows.length, found }
  }

  private async checkTriggers(): Promise<Discrepancy[]> {
    const { rows } = await db.rawQuery(
      `select c.relname, count(t.oid) filter (where t.tgenabled <> 'D') as enabled
         from pg_class c left join pg_trigger t on t.tgrelid = c.oid and not t.tgisinternal
        where c.relname in ('ledger_entries', 'ledger_transactions') group by c.relname`
    )
    return rows
      .filter((r: any) => Number(r.enabled) < 2)
      .map((r: any) => ({ check: 'immutability' as const, subject: r.relname,
        message: 'immutability triggers missing or disabled' }))
  }

  private async internalBalances(): Promise<InternalBalance[]> {
    const { rows } = await db.rawQuery(
      `select a.id, a.system_code, a.currency,
              coalesce(sum(case when e.direction = a.normal_balance then e.amount else -e.amount end), 0)::text as balance
         from accounts a left join ledger_entries e on e.account_id = a.id
        where a.kind = 'internal' group by a.id order by a.currency, a.system_code`
    )
    return rows.map((r: any) => ({
      accountId: Number(r.id),
      systemCode: r.system_code,
      balance: Money.fromMinorString(r.balance, r.currency),
    }))
  }
}
