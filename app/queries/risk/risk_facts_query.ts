import db from '@adonisjs/lucid/services/db'
import { inGlobalTransaction, preparedNumberedQuery } from '#services/database/prepared_query'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RiskEvent, RiskFacts } from '#domain/risk/risk_event'
import { type RiskConfiguration, riskFactWindows } from '#domain/risk/risk_configuration'

/** The latest movements per account that the history rules look at (bounds the cost on busy accounts) */
export const HISTORY_SAMPLE = 200

/**
 * RiskFacts of one event in ONE statement, cheap enough for the payment
 * path. Every read walks an index backwards from the newest row and stops
 * after HISTORY_SAMPLE rows per account (ledger_transactions by debtor and
 * by creditor account), so an account with a million postings costs what
 * one with two hundred does. Consequences, by design: velocity counts at
 * most 200 payments in its window (far above any threshold), and the
 * 90-day pattern is the mean and maximum of the latest 200 outgoing
 * payments within 90 days. Failed logins come from the audit trail: the
 * latest 1,000 'auth.token.failed' rows of the window (the action's index,
 * from the window's first row on), those of the customer counted; the payee
 * from customer_payees (payees paid above the SCA exemption). The device:
 * a token does not say which device it was issued to, so the device fact
 * is when the customer's newest sign-in device was first seen, provided
 * they had signed in from another one before (customer_devices); a
 * customer's very first device is not "new". The same statement says
 * which configuration version is active, so the caller can keep the
 * configuration it read and still never assess with a stale one.
 */
export interface FactsOptions {
  client?: QueryClientContract
  /** A payment's idempotency key: `keyResource` says whether it was used already, in the same round trip */
  idempotency?: { scope: string; key: string }
  /** The payee by account number when the event has no payee id (a payment to a number) */
  payeeNumber?: string | null
}

export default class RiskFactsQuery {
  async facts(
    event: RiskEvent,
    config: RiskConfiguration,
    options: FactsOptions = {}
  ): Promise<{ facts: RiskFacts; keyResource: string | null; activeVersion: number }> {
    const currency = event.amount?.currency ?? 'XXX'
    const w = riskFactWindows(config, currency)
    const bindings: Record<string, unknown> = {
      customer: event.customerId,
      account: event.accountId,
      payee: event.payeeAccountId,
      payeeNumber: options.payeeNumber ?? null,
      currency,
      at: event.at.toISOString(),
      sample: HISTORY_SAMPLE,
      velocityMinutes: w.velocityMinutes,
      patternDays: w.patternDays,
      structuringDays: w.structuringDays,
      nearFrom: w.nearThresholdFromMinor.toString(),
      nearBelow: w.nearThresholdBelowMinor.toString(),
      rapidMinutes: w.rapidInOutMinutes,
      loginMinutes: w.failedLoginMinutes,
      scope: options.idempotency?.scope ?? null,
      key: options.idempotency?.key ?? null,
    }
    const row = await factsRow(bindings, options.client)
    const facts: RiskFacts = {
      velocity: { count: Number(row.velocity_count), total: BigInt(row.velocity_total) },
      pattern: { count: Number(row.pattern_count), mean: BigInt(row.pattern_mean), max: BigInt(row.pattern_max) },
      nearThreshold: (row.near_threshold ?? []).map((amount: string) => BigInt(amount)),
      payeeFirstPaidAt: row.payee_first_paid_at ?? null,
      lastActivityAt: row.last_activity_at ?? null,
      receivedInWindow: BigInt(row.received_in_window),
      failedLogins: Number(row.failed_logins),
      deviceFirstSeenAt: row.device_first_seen_at ?? null,
    }
    return { facts, keyResource: row.key_resource ?? null, activeVersion: Number(row.active_version ?? 0) }
  }
}

/**
 * The payment path runs the statement as a named prepared statement
 * (planning it costs more than running it); a caller's transaction or a
 * global one (tests) runs it with knex's named bindings.
 */
async function factsRow(bindings: Record<string, unknown>, client?: QueryClientContract) {
  if (!client && !inGlobalTransaction()) {
    return (await preparedNumberedQuery(FACTS.text, FACTS.names.map((name) => bindings[name])))[0]
  }
  return (await (client ?? db.connection()).rawQuery(FACTS_SQL, bindings as Record<string, any>)).rows[0]
}

/** `:name` placeholders numbered `$1..$n` (each name once, in order of first use) */
function numbered(sql: string) {
  const names: string[] = []
  const text = sql.replace(/(?<!:):([a-zA-Z]+)/g, (_, name: string) => {
    if (!names.includes(name)) names.push(name)
    return `$${names.indexOf(name) + 1}`
  })
  return { text, names }
}

/*
 * out: the customer's latest outgoing postings (transfers, withdrawals) per
 * account; in_: the event account's latest incoming postings; cash: the
 * customer's latest deposits and withdrawals (structuring).
 */
const FACTS_SQL = `
with payee_of as (
  select coalesce(:payee::bigint, (select id from accounts where number = :payeeNumber::text)) as id
),
accounts_of as (
  select id from accounts where customer_id = :customer
),
out_ as (
  select t.amount, t.booked_at, t.kind
    from accounts_of a
    cross join lateral (
      select amount, booked_at, kind, currency from ledger_transactions
       where debtor_account_id = a.id order by id desc limit :sample
    ) t
   where t.currency = :currency and t.kind in ('transfer', 'withdrawal') and t.booked_at < :at::timestamptz
),
in_ as (
  select amount, booked_at, kind, currency from ledger_transactions
   where creditor_account_id = :account order by id desc limit :sample
),
cash as (
  select t.amount, t.booked_at
    from accounts_of a
    cross join lateral (
      select amount, booked_at, kind, currency from ledger_transactions
       where creditor_account_id = a.id and kind = 'deposit' order by id desc limit :sample
    ) t
   where t.currency = :currency
  union all
  select amount, booked_at from out_ where kind = 'withdrawal'
),
pattern as (
  select amount from out_ where booked_at > :at::timestamptz - make_interval(days => :patternDays)
),
login_floor as (
  select id from audit_events
   where occurred_at > :at::timestamptz - make_interval(mins => :loginMinutes)
   order by occurred_at limit 1
),
failed as materialized (
  select actor_type, actor_id, occurred_at from audit_events
   where action = 'auth.token.failed' and id >= (select id from login_floor)
   order by id desc limit 1000
)
select
  (select count(*) from out_ where booked_at > :at::timestamptz - make_interval(mins => :velocityMinutes)) as velocity_count,
  (select coalesce(sum(amount), 0) from out_ where booked_at > :at::timestamptz - make_interval(mins => :velocityMinutes)) as velocity_total,
  (select count(*) from pattern) as pattern_count,
  (select coalesce(div(sum(amount), nullif(count(*), 0)), 0) from pattern) as pattern_mean,
  (select coalesce(max(amount), 0) from pattern) as pattern_max,
  (select coalesce(array_agg(amount::text order by booked_at), '{}') from cash
    where booked_at > :at::timestamptz - make_interval(days => :structuringDays)
      and booked_at < :at::timestamptz and amount >= :nearFrom::bigint and amount < :nearBelow::bigint) as near_threshold,
  (select first_paid_at from customer_payees, payee_of p where customer_id = :customer and account_id = p.id) as payee_first_paid_at,
  greatest(
    (select max(booked_at) from (select booked_at from ledger_transactions where debtor_account_id = :account
      and booked_at < :at::timestamptz order by id desc limit 1) d),
    (select max(booked_at) from in_ where booked_at < :at::timestamptz and kind <> 'opening')
  ) as last_activity_at,
  (select coalesce(sum(amount), 0) from in_ where currency = :currency and kind <> 'opening'
    and booked_at > :at::timestamptz - make_interval(mins => :rapidMinutes) and booked_at < :at::timestamptz) as received_in_window,
  (select count(*) from failed
    where actor_type = 'customer' and actor_id = :customer::text and occurred_at < :at::timestamptz) as failed_logins,
  (select case when count(*) > 1 then max(first_seen_at) end
     from customer_devices where customer_id = :customer) as device_first_seen_at,
  (select resource_type from idempotency_keys where scope = :scope and key = :key) as key_resource,
  (select max(version) from risk_configurations) as active_version
`

const FACTS = numbered(FACTS_SQL)
