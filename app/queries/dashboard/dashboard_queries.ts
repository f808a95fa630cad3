import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Money } from '#domain/money/money'

/** The bank's main currency (the demo bank's): the deposit-volume chart is drawn in it */
export const MAIN_CURRENCY = 'GBP'

export const CHART_DAYS = 30

/** The alert trend on the dashboard: alerts raised per day */
export const ALERT_TREND_DAYS = 14

export interface CurrencyVolume {
  currency: string
  count: number
  /** decimal string in the currency's exponent, from bigint minor units */
  amount: string
}

export interface DayPoint {
  day: string
  value: number
}

/** A day's deposits: `amount` is the exact decimal; `value` only sizes the bar (never money) */
export interface DepositPoint extends DayPoint {
  amount: string
}

const TODAY_UTC = `(now() at time zone 'UTC')::date`
/** The start of a UTC calendar day as timestamptz, for index range scans */
const dayStart = (day: string) => `(${day})::timestamp at time zone 'UTC'`

/**
 * The dashboard's figures, each one SQL query (ARCHITECTURE §3: sums in
 * bigint, rendered through Money). "Today" is the calendar day in UTC.
 * The 30-day series come from generate_series, so days without activity
 * are 0 instead of missing. `client`: the read replica for the dashboard
 * page (app/services/database/read_replica.ts), the primary by default.
 */
export default class DashboardQueries {
  constructor(private client: QueryClientContract = db.connection()) {}

  /** Deposits, withdrawals and transfers booked today: count and amount per currency */
  async todayVolumes() {
    const { rows } = await this.client.rawQuery(
      `select kind, currency, count(*)::int as count, sum(amount)::text as minor
         from ledger_transactions
        where booked_at >= ${dayStart(TODAY_UTC)} and kind in ('deposit', 'withdrawal', 'transfer')
        group by kind, currency
        order by kind, currency`
    )
    const volumes: Record<'deposit' | 'withdrawal' | 'transfer', CurrencyVolume[]> = {
      deposit: [],
      withdrawal: [],
      transfer: [],
    }
    for (const row of rows) {
      const currency = String(row.currency).trim()
      volumes[row.kind as keyof typeof volumes].push({
        currency,
        count: Number(row.count),
        amount: Money.fromMinorString(row.minor, currency).toDecimalString(),
      })
    }
    return volumes
  }

  async counters() {
    const { rows } = await this.client.rawQuery(
      `select (select count(*) from customers where created_at >= ${dayStart(TODAY_UTC)})::int as new_customers,
              (select count(*) from approvals where status = 'pending')::int as pending_approvals,
              (select count(*) from accounts where status = 'frozen')::int as frozen_accounts`
    )
    return {
      newCustomersToday: Number(rows[0].new_customers),
      pendingApprovals: Number(rows[0].pending_approvals),
      frozenAccounts: Number(rows[0].frozen_accounts),
    }
  }

  /** Ledger transactions per day (all kinds), last 30 days including today */
  async dailyTransactions(): Promise<DayPoint[]> {
    return this.series('ledger_transactions', 'booked_at', 'count(*)')
  }

  async dailyNewCustomers(): Promise<DayPoint[]> {
    return this.series('customers', 'created_at', 'count(*)')
  }

  /**
   * Deposits per day in the main currency: the exact decimal string per day,
   * and a number of major units for the bar heights only (never for money).
   */
  async dailyDepositVolume(currency = MAIN_CURRENCY): Promise<DepositPoint[]> {
    const { rows } = await this.client.rawQuery(
      `${this.seriesSql('ledger_transactions', 'booked_at', 'sum(amount)', "kind = 'deposit' and currency = ?")}`,
      [currency]
    )
    return rows.map((row: { day: string; value: string }) => {
      const amount = Money.fromMinorString(row.value, currency).toDecimalString()
      return { day: row.day, amount, value: Number(amount) }
    })
  }

  /** Alerts still to work (open or investigating) per severity */
  async openAlertsBySeverity(): Promise<Record<'critical' | 'high' | 'medium' | 'low', number>> {
    const { rows } = await this.client.rawQuery(
      `select severity, count(*)::int as n from risk_alerts where status in ('open', 'investigating') group by severity`
    )
    const counts = { critical: 0, high: 0, medium: 0, low: 0 }
    for (const row of rows) counts[row.severity as keyof typeof counts] = Number(row.n)
    return counts
  }

  /** Alerts raised per day, last 14 days including today */
  async dailyAlerts(): Promise<DayPoint[]> {
    const { rows } = await this.client.rawQuery(this.seriesSql('risk_alerts', 'created_at', 'count(*)', 'true', ALERT_TREND_DAYS))
    return rows.map((row: { day: string; value: string }) => ({ day: row.day, value: Number(row.value) }))
  }

  private async series(table: string, column: string, aggregate: string): Promise<DayPoint[]> {
    const { rows } = await this.client.rawQuery(this.seriesSql(table, column, aggregate))
    return rows.map((row: { day: string; value: string }) => ({ day: row.day, value: Number(row.value) }))
  }

  private seriesSql(table: string, column: string, aggregate: string, where = 'true', days = CHART_DAYS) {
    return `with days as (
              select generate_series(${TODAY_UTC} - ${days - 1}, ${TODAY_UTC}, interval '1 day')::date as day),
            per_day as (
              select (${column} at time zone 'UTC')::date as day, ${aggregate} as value
                from ${table}
               where ${column} >= ${dayStart(`${TODAY_UTC} - ${days - 1}`)} and ${where}
               group by 1)
            select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(p.value, 0)::text as value
              from days d left join per_day p on p.day = d.day
             order by d.day`
  }
}
