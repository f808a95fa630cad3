import { preparedQuery } from '#services/database/prepared_query'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RiskEvent, RiskFacts } from '#domain/risk/risk_event'
import { type RiskConfiguration, riskFactWindows } from '#domain/risk/risk_configuration'

/**
 * The latest movements per account that the history rules look at: few in
 * the payment path (its cost is every payment's), many after commit
 * (`risk.score`, `risk:scan`), where a slower read costs no customer time
 */
export const HISTORY_SAMPLE = { payment: 50, afterCommit: 1000 } as const

export interface FactsOptions {
  /** A caller's transaction (otherwise a named prepared statement on the pool) */
  client?: QueryClientContract
  /** A payment's idempotency key: `keyResource` says whether it was used already, in the same round trip */
  idempotency?: { scope: string; key: string }
  /** The payee by account number when the event has no payee id (a payment to a number) */
  payeeNumber?: string | null
  /** Rows per account read back (default: the payment path's) */
  sample?: number
}

/**
 * RiskFacts of one event in ONE call of risk_facts()
 * (database/sql/risk/risk_facts.sql, which says what each fact reads),
 * cheap enough for the payment path: every read walks an index backwards
 * from the newest row and stops after `sample` rows per account, so an
 * account with a million postings costs what one with fifty does.
 * Consequences, by design, in the payment path (50 rows): velocity counts
 * at most 50 payments in its window (far above any threshold), the 90-day
 * pattern is the mean and maximum of the latest 50 outgoing payments within
 * 90 days, and deposits further back than an account's latest 50 incoming
 * postings are not seen; the scoring after commit reads 1,000 rows back.
 * The same call says whether the payment's idempotency key was used and
 * which configuration version is active, so the caller can keep the
 * configuration it read and still never assess with a stale one.
 */
export default class RiskFactsQuery {
  async facts(
    event: RiskEvent,
    config: RiskConfiguration,
    options: FactsOptions = {}
  ): Promise<{ facts: RiskFacts; keyResource: string | null; activeVersion: number }> {
    const currency = event.amount?.currency ?? 'XXX'
    const w = riskFactWindows(config, currency)
    const bindings = [
      event.customerId,
      event.accountId,
      event.payeeAccountId,
      options.payeeNumber ?? null,
      currency,
      event.at.toISOString(),
      options.sample ?? HISTORY_SAMPLE.payment,
      w.velocityMinutes,
      w.patternDays,
      w.structuringDays,
      w.nearThresholdFromMinor.toString(),
      w.nearThresholdBelowMinor.toString(),
      w.rapidInOutMinutes,
      w.failedLoginMinutes,
      options.idempotency?.scope ?? null,
      options.idempotency?.key ?? null,
    ]
    const row = options.client
      ? (await options.client.rawQuery(FACTS_CALL, bindings as any[])).rows[0].r
      : (await preparedQuery(FACTS_CALL, bindings))[0].r
    const facts: RiskFacts = {
      velocity: { count: Number(row.velocity_count), total: BigInt(row.velocity_total) },
      pattern: { count: Number(row.pattern_count), mean: BigInt(row.pattern_mean), max: BigInt(row.pattern_max) },
      nearThreshold: (row.near_threshold as string[]).map((amount) => BigInt(amount)),
      payeeFirstPaidAt: time(row.payee_first_paid_at),
      lastActivityAt: time(row.last_activity_at),
      receivedInWindow: BigInt(row.received_in_window),
      failedLogins: Number(row.failed_logins),
      deviceFirstSeenAt: time(row.device_first_seen_at),
    }
    return { facts, keyResource: row.key_resource ?? null, activeVersion: Number(row.active_version ?? 0) }
  }
}

const time = (value: string | null) => (value === null ? null : new Date(value))

const FACTS_CALL = `select risk_facts(?::bigint, ?::bigint, ?::bigint, ?::text, ?::text, ?::timestamptz, ?::int, ?::int,
  ?::int, ?::int, ?::bigint, ?::bigint, ?::int, ?::int, ?::text, ?::text) as r`
