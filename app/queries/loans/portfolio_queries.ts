import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Money } from '#domain/money/money'
import { customerNames } from '#queries/customers/customer_names'
import { LOAN_STATES, type LoanState } from '#domain/loans/lifecycle'
import { bucketFor, type DelinquencyBucket } from '#domain/loans/arrears'

/** Loans on the books: paid out and not yet ended (their receivable may be owed) */
export const OPEN_STATES: LoanState[] = ['disbursed', 'active', 'in_arrears']
const OPEN = OPEN_STATES.map((state) => `'${state}'`).join(', ')

/** What an unpaid instalment still owes (every component), in SQL over loan_instalments `i` */
const OWED = '(i.principal - i.principal_paid) + (i.interest - i.interest_paid) + (i.fee - i.fee_paid) + (i.penalty - i.penalty_paid)'

/** Per loan `l`: what is overdue as of the bound date (instalments due before it; one due that day is not yet overdue) */
const OVERDUE_LATERAL = `left join lateral (
    select coalesce(sum(${OWED}), 0) as overdue from loan_instalments i where i.loan_id = l.id and i.due_date < ?::date
  ) o on true`

/** Repayment kinds that brought money in (a write-off did not) */
const COLLECTED_KINDS = `('collection', 'repayment', 'payoff')`

export type FlowGranularity = 'month' | 'day'

export interface FlowPoint {
  /** 'YYYY-MM-DD': the first day of the month, or the day */
  period: string
  disbursedCount: number
  disbursed: Amount
  /** Repaid (collections, repayments, payoffs) less reversals of them, by business date */
  collected: Amount
}

/** An amount as the pages receive it: the exact decimal string of the bigint sum, and its currency */
export type Amount = ReturnType<Money['toJSON']>
const money = (minor: unknown, currency: string): Amount => Money.fromMinorString(String(minor), currency).toJSON()
type Row = Record<string, any>
/** The rows of a raw query, typed as plain records (the pg driver gives bigint and numeric as strings) */
/** Ids per customerNames() call (one query each; well under PostgreSQL's bind-parameter limit) */
const NAME_CHUNK = 5_000

async function select(client: QueryClientContract, sql: string, bindings: Array<string | number> = []): Promise<Row[]> {
  const { rows } = await client.rawQuery(sql, bindings)
  return rows
}
const currencyOf = (value: unknown) => String(value).trim()
/** Now as a UTC wall-clock timestamp (date_trunc on it never depends on the session's time zone) */
const NOW_UTC = `(now() at time zone 'UTC')`

/**
 * The loan portfolio (backoffice.loans.portfolio and its CSV). Every sum
 * is made in SQL over bigint and read as a string into Money: never a JS
 * number, and never a sum across currencies (every figure is per
 * currency). Outstanding principal is the receivable's balance (accounts
 * of kind 'loan', debit-normal); arrears use loans.days_past_due as the
 * collection run stored it, bucketed by the configured ranges.
 */
export default class PortfolioQueries {
  constructor(private client: QueryClientContract = db.connection()) {}

  /** Open loans and their outstanding principal, per product and currency */
  async outstandingByProduct() {
    const rows = await select(
      this.client,
      `select p.id as product_id, p.code, coalesce(cv.name, p.code) as name, l.currency,
              count(*)::int as loans, sum(l.principal)::text as principal, sum(a.balance)::text as outstanding
         from loans l
         join accounts a on a.id = l.account_id
         join loan_product_versions v on v.id = l.product_version_id
         join loan_products p on p.id = v.product_id
         left join loan_product_versions cv on cv.id = p.current_version_id
        where l.status in (${OPEN})
        group by p.id, p.code, cv.name, l.currency
        order by name, p.id, l.currency`
    )
    return rows.map((row) => {
      const currency = currencyOf(row.currency)
      return {
        productId: Number(row.product_id),
        code: String(row.code),
        name: String(row.name),
        currency,
        loans: Number(row.loans),
        principal: money(row.principal, currency),
        outstanding: money(row.outstanding, currency),
      }
    })
  }

  /**
   * Per currency, over open loans: how many and their outstanding
   * principal; how many are past due, their outstanding principal and
   * what is overdue on them as of `asOf`.
   */
  async totalsByCurrency(asOf?: string) {
    const rows = await select(
      this.client,
      `select l.currency, count(*)::int as loans, sum(a.balance)::text as outstanding,
              count(*) filter (where l.days_past_due > 0)::int as past_due_loans,
              coalesce(sum(a.balance) filter (where l.days_past_due > 0), 0)::text as past_due_outstanding,
              coalesce(sum(o.overdue) filter (where l.days_past_due > 0), 0)::text as overdue
         from loans l
         join accounts a on a.id = l.account_id
         ${OVERDUE_LATERAL}
        where l.status in (${OPEN})
        group by l.currency
        order by l.currency`,
      [asOf ?? this.today()]
    )
    return rows.map((row) => {
      const currency = currencyOf(row.currency)
      return {
        currency,
        loans: Number(row.loans),
        outstanding: money(row.outstanding, currency),
        pastDueLoans: Number(row.past_due_loans),
        pastDueOutstanding: money(row.past_due_outstanding, currency),
        overdue: money(row.overdue, currency),
      }
    })
  }

  /** How many loans (applications included) are in each status; every status listed, 0 when none */
  async countsByStatus(): Promise<Record<LoanState, number>> {
    const rows = await select(this.client, 'select status, count(*)::int as n from loans group by status')
    const counts = Object.fromEntries(LOAN_STATES.map((state) => [state, 0])) as Record<LoanState, number>
    for (const row of rows) counts[row.status as LoanState] = Number(row.n)
    return counts
  }

  /**
   * Open loans past due, per delinquency bucket and currency: how many,
   * their outstanding principal and what is overdue on them as of `asOf`.
   * Every bucket is listed, in order, even when empty.
   */
  async arrearsByBucket(buckets: readonly DelinquencyBucket[], asOf?: string) {
    const values = buckets.map((bucket) => `(?::text, ?::int, ?::int, ${bucket.to === null ? 'null' : '?'}::int)`).join(', ')
    const bindings = buckets.flatMap((bucket, index) => [bucket.code, index, bucket.from, ...(bucket.to === null ? [] : [bucket.to])])
    const rows = await select(
      this.client,
      `with buckets (code, position, day_from, day_to) as (values ${values})
       select b.position, l.currency, count(*)::int as loans, sum(a.balance)::text as outstanding, sum(o.overdue)::text as overdue
         from loans l
         join accounts a on a.id = l.account_id
         join buckets b on l.days_past_due >= b.day_from and (b.day_to is null or l.days_past_due <= b.day_to)
         ${OVERDUE_LATERAL}
        where l.status in (${OPEN}) and l.days_past_due > 0
        group by b.position, l.currency
        order by b.position, l.currency`,
      [...bindings, asOf ?? this.today()]
    )
    return buckets.map((bucket, position) => ({
      bucket,
      byCurrency: rows
        .filter((row) => Number(row.position) === position)
        .map((row) => {
          const currency = currencyOf(row.currency)
          return { currency, loans: Number(row.loans), outstanding: money(row.outstanding, currency), overdue: money(row.overdue, currency) }
        }),
    }))
  }

  /**
   * Money out (disbursements, by loans.disbursed_at in UTC) and in
   * (repayments by business date, less reversals of them) per period and
   * currency, over the last `periods` months or days including the
   * current one; a currency is listed when it moved in the window, with
   * every period (0 when nothing happened).
   */
  async flows(granularity: FlowGranularity, periods: number) {
    const unit = granularity === 'month' ? 'month' : 'day'
    const rows = await select(
      this.client,
      `with periods as (
              select generate_series(date_trunc('${unit}', ${NOW_UTC}) - (? - 1) * interval '1 ${unit}',
                                     date_trunc('${unit}', ${NOW_UTC}), interval '1 ${unit}')::date as period),
            window_start as (select min(period) as day from periods),
            disbursed as (
              select date_trunc('${unit}', l.disbursed_at at time zone 'UTC')::date as period, l.currency,
                     count(*)::int as n, sum(l.principal) as amount
                from loans l
               where l.disbursed_at >= (select day from window_start)::timestamp at time zone 'UTC'
               group by 1, 2),
            collected as (
              select date_trunc('${unit}', r.business_date::timestamp)::date as period, l.currency,
                     sum(case when r.kind = 'reversal' then -r.amount else r.amount end) as amount
                from loan_repayments r
                join loans l on l.id = r.loan_id
                left join loan_repayments reversed on reversed.id = r.reverses_id
               where r.business_date >= (select day from window_start)
                 and (r.kind in ${COLLECTED_KINDS} or (r.kind = 'reversal' and reversed.kind in ${COLLECTED_KINDS}))
               group by 1, 2),
            currencies as (select currency from disbursed union select currency from collected)
       select to_char(p.period, 'YYYY-MM-DD') as period, c.currency, coalesce(d.n, 0)::int as disbursed_count,
              coalesce(d.amount, 0)::text as disbursed, coalesce(k.amount, 0)::text as collected
         from periods p
        cross join currencies c
         left join disbursed d on d.period = p.period and d.currency = c.currency
         left join collected k on k.period = p.period and k.currency = c.currency
        order by c.currency, p.period`,
      [periods]
    )
    const series = new Map<string, FlowPoint[]>()
    for (const row of rows) {
      const currency = currencyOf(row.currency)
      if (!series.has(currency)) series.set(currency, [])
      series.get(currency)!.push({
        period: row.period,
        disbursedCount: Number(row.disbursed_count),
        disbursed: money(row.disbursed, currency),
        collected: money(row.collected, currency),
      })
    }
    return [...series.entries()].map(([currency, points]) => ({ currency, points }))
  }

  /** The open loans longest past due (ties: oldest loan first), with what is owed and overdue on each */
  async topOverdue(buckets: readonly DelinquencyBucket[], limit = 10, asOf?: string) {
    const rows = await select(
      this.client,
      `select l.id, l.status, l.currency, l.days_past_due, l.customer_id, c.customer_number,
              v.name as product_name, a.balance::text as outstanding, o.overdue::text as overdue
         from loans l
         join customers c on c.id = l.customer_id
         join loan_product_versions v on v.id = l.product_version_id
         join accounts a on a.id = l.account_id
         ${OVERDUE_LATERAL}
        where l.status in (${OPEN}) and l.days_past_due > 0
        order by l.days_past_due desc, l.id asc
        limit ?`,
      [asOf ?? this.today(), limit]
    )
    const names = await this.names(rows.map((row) => Number(row.customer_id)))
    return rows.map((row) => {
      const currency = currencyOf(row.currency)
      const daysPastDue = Number(row.days_past_due)
      return {
        id: Number(row.id),
        status: row.status as LoanState,
        customerId: Number(row.customer_id),
        customerName: names.get(Number(row.customer_id)) ?? '',
        customerNumber: String(row.customer_number),
        productName: String(row.product_name),
        currency,
        daysPastDue,
        bucket: bucketFor(daysPastDue, buckets)?.code ?? null,
        outstanding: money(row.outstanding, currency),
        overdue: money(row.overdue, currency),
      }
    })
  }

  /** Every loan that was paid out (open or ended), by id: the rows of the portfolio CSV */
  async bookedLoans(buckets: readonly DelinquencyBucket[]) {
    const rows = await select(
      this.client,
      `select l.id, l.status, l.currency, l.principal::text as principal, l.days_past_due,
              l.customer_id, c.customer_number, v.name as product_name, a.balance::text as outstanding,
              to_char(l.disbursed_at at time zone 'UTC', 'YYYY-MM-DD') as disbursed_on
         from loans l
         join customers c on c.id = l.customer_id
         join loan_product_versions v on v.id = l.product_version_id
         join accounts a on a.id = l.account_id
        order by l.id`
    )
    const names = await this.names(rows.map((row) => Number(row.customer_id)))
    return rows.map((row) => {
      const currency = currencyOf(row.currency)
      const status = row.status as LoanState
      const daysPastDue = Number(row.days_past_due)
      const open = OPEN_STATES.includes(status)
      return {
        id: Number(row.id),
        customerName: names.get(Number(row.customer_id)) ?? '',
        customerNumber: String(row.customer_number),
        productName: String(row.product_name),
        currency,
        principal: money(row.principal, currency),
        outstanding: money(row.outstanding, currency),
        status,
        daysPastDue,
        /** 'current' when open and not past due; empty once the loan ended */
        bucket: open ? (bucketFor(daysPastDue, buckets)?.code ?? 'current') : '',
        disbursedOn: row.disbursed_on === null ? '' : String(row.disbursed_on),
      }
    })
  }

  /** Customers' names (sealed: opened here, never joined), in chunks for the CSV of every loan */
  private async names(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)]
    const names = new Map<number, string>()
    for (let i = 0; i < unique.length; i += NAME_CHUNK) {
      for (const [id, name] of await customerNames(unique.slice(i, i + NAME_CHUNK), this.client)) names.set(id, name)
    }
    return names
  }

  /** Today's UTC calendar day, 'YYYY-MM-DD' */
  private today(): string {
    return new Date().toISOString().slice(0, 10)
  }
}
