/**
 * What `npm run chaos` proves once the faults are over, straight from the
 * scratch database (read-only queries): every acknowledged transfer exists
 * exactly once under its idempotency key, nothing else was booked, every
 * booked transfer enqueued its 'ledger.posted' job and no job names a
 * posting that never committed, every account moved by exactly its
 * acknowledged transfers, total money is unchanged and no account is below
 * its limit.
 */
import pg from 'pg'

/** Balances and the last ledger transaction before the load starts */
export async function snapshot(url) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const accounts = await client.query(
      `select id::text, balance::text, available::text from accounts where kind <> 'internal'`
    )
    const { rows } = await client.query(
      `select coalesce(max(id), 0)::text as last_transaction,
              (select coalesce(sum(balance), 0)::text from accounts where kind <> 'internal') as customer_money,
              (select coalesce(sum(case when direction = 'debit' then amount else -amount end), 0)::text from ledger_entries) as entries_net,
              (select count(*)::int from audit_events) as audit_events
         from ledger_transactions`
    )
    return {
      balances: new Map(accounts.rows.map((r) => [r.id, { balance: BigInt(r.balance), available: BigInt(r.available) }])),
      lastTransaction: rows[0].last_transaction,
      customerMoney: BigInt(rows[0].customer_money),
      entriesNet: BigInt(rows[0].entries_net),
      auditEvents: rows[0].audit_events,
    }
  } finally {
    await client.end()
  }
}

/**
 * @returns {{ checks: Array<{ name: string, ok: boolean, detail: string }> }}
 */
export async function verify(url, before, acked) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const checks = []
  const check = (name, ok, detail) => checks.push({ name, ok, detail })
  try {
    /* 1. Each acknowledged key: its idempotency record points at the acknowledged transfer, which exists once */
    const found = await client.query(
      `select u.i, k.resource_id::text as resource_id, t.id::text as transfer_id, t.kind,
              t.debtor_account_id::text as debtor, t.creditor_account_id::text as creditor, t.amount::text as amount
         from unnest($1::text[], $2::text[], $3::bigint[]) with ordinality as u(scope, key, id, i)
         left join idempotency_keys k on k.scope = u.scope and k.key = u.key
         left join ledger_transactions t on t.id = u.id`,
      [acked.map((a) => a.scope), acked.map((a) => a.key), acked.map((a) => a.id)]
    )
    let missing = 0
    let mismatched = 0
    const examples = []
    for (const row of found.rows) {
      const a = acked[Number(row.i) - 1]
      if (!row.transfer_id || !row.resource_id) {
        missing++
        if (examples.length < 3) examples.push(`key ${a.key} → transfer ${a.id}: not found`)
      } else if (
        row.resource_id !== a.id || row.kind !== 'transfer' || row.debtor !== String(a.debtor) ||
        row.creditor !== String(a.creditor) || row.amount !== String(a.minor)
      ) {
        mismatched++
        if (examples.length < 3) examples.push(`key ${a.key} → transfer ${a.id}: ${JSON.stringify(row)}`)
      }
    }
    const distinctIds = new Set(acked.map((a) => a.id)).size
    check(
      'every acknowledged transfer exists exactly once under its idempotency key',
      missing === 0 && mismatched === 0 && distinctIds === acked.length,
      `${acked.length} acknowledged, ${distinctIds} distinct transfer ids, ${missing} missing, ${mismatched} different` +
        (examples.length ? `; e.g. ${examples.join('; ')}` : '')
    )

    /* 2. Nothing else was booked: every transaction after the snapshot is one of the acknowledged transfers */
    const booked = await client.query(
      `select count(*)::int as n, count(*) filter (where kind <> 'transfer')::int as other,
              (select count(*)::int from idempotency_keys k
                 join ledger_transactions t on t.id = k.resource_id and k.resource_type = 'ledger_transaction'
                where t.id > $1::bigint) as keys,
              (select count(*)::int from (select resource_id from idempotency_keys where resource_type = 'ledger_transaction'
                 group by resource_id having count(*) > 1) d) as shared_keys
         from ledger_transactions where id > $1::bigint`,
      [before.lastTransaction]
    )
    const b = booked.rows[0]
    check(
      'no transaction booked besides the acknowledged ones (no ghost, no duplicate)',
      b.n === acked.length && b.other === 0 && b.keys === acked.length && b.shared_keys === 0,
      `${b.n} transactions booked during the run (${b.other} not transfers), ${b.keys} idempotency records, ` +
        `${b.shared_keys} transactions behind two keys; ${acked.length} acknowledged`
    )

    /*
     * 2b. The outbox: every transfer booked during the run enqueued its 'ledger.posted' job in its
     * own statement, and no job names a key that booked nothing (a killed request left no ghost)
     */
    const outbox = await client.query(
      `with jobs as (select distinct data->>'scope' as scope, data->>'key' as key from pgboss.job
                      where name = 'ledger.posted' and data ? 'key'),
            run_keys as (select k.scope, k.key from idempotency_keys k
                           join ledger_transactions t on t.id = k.resource_id and k.resource_type = 'ledger_transaction'
                          where t.id > $1::bigint)
       select (select count(*)::int from run_keys r where not exists (select 1 from jobs j where j.scope = r.scope and j.key = r.key)) as unannounced,
              (select count(*)::int from jobs j where not exists (select 1 from idempotency_keys k
                 where k.scope = j.scope and k.key = j.key and k.status = 'completed')) as ghosts,
              (select count(*)::int from run_keys) as booked`,
      [before.lastTransaction]
    )
    const o = outbox.rows[0]
    check(
      'every booked transfer announced in its own transaction (outbox), no announcement without a posting',
      o.unannounced === 0 && o.ghosts === 0,
      `${o.booked} transfers booked during the run, ${o.unannounced} without a 'ledger.posted' job, ${o.ghosts} jobs naming a key that booked nothing`
    )

    /* 3. Every account moved by exactly its acknowledged transfers */
    const expected = new Map()
    for (const [id, v] of before.balances) expected.set(id, v.balance)
    for (const a of acked) {
      const m = BigInt(a.minor)
      expected.set(String(a.debtor), expected.get(String(a.debtor)) - m)
      expected.set(String(a.creditor), expected.get(String(a.creditor)) + m)
    }
    const after = await client.query(
      `select id::text, balance::text, available::text, overdraft_limit::text from accounts where kind <> 'internal'`
    )
    let wrong = 0
    let holdsChanged = 0
    const wrongExamples = []
    let money = 0n
    for (const row of after.rows) {
      const balance = BigInt(row.balance)
      money += balance
      const was = before.balances.get(row.id)
      if (expected.get(row.id) !== balance) {
        wrong++
        if (wrongExamples.length < 3) wrongExamples.push(`account ${row.id}: ${balance}, expected ${expected.get(row.id)}`)
      }
      if (was && balance - BigInt(row.available) !== was.balance - was.available) holdsChanged++
    }
    check(
      'every account moved by exactly its acknowledged transfers',
      wrong === 0 && holdsChanged === 0 && after.rows.length === before.balances.size,
      `${after.rows.length} accounts, ${wrong} with another balance, ${holdsChanged} with another balance − available` +
        (wrongExamples.length ? `; e.g. ${wrongExamples.join('; ')}` : '')
    )

    /* 4. Total money unchanged */
    const totals = await client.query(
      `select coalesce(sum(case when direction = 'debit' then amount else -amount end), 0)::text as entries_net from ledger_entries`
    )
    check(
      'total money unchanged',
      money === before.customerMoney && BigInt(totals.rows[0].entries_net) === before.entriesNet,
      `customer accounts hold ${formatMinor(money)} (before ${formatMinor(before.customerMoney)}); ` +
        `debits − credits over all entries ${totals.rows[0].entries_net} (before ${before.entriesNet})`
    )

    /* 5. No account below its limit */
    const below = await client.query(
      `select count(*)::int as n, min(available + overdraft_limit)::text as margin
         from accounts where kind <> 'internal' and (available < -overdraft_limit or balance < -overdraft_limit)`
    )
    const lowest = await client.query(
      `select min(available + overdraft_limit)::text as margin,
              count(*) filter (where available + overdraft_limit < 3000)::int as near
         from accounts where kind <> 'internal'`
    )
    check(
      'no account below its limit',
      below.rows[0].n === 0,
      `${below.rows[0].n} below; smallest headroom ${formatMinor(BigInt(lowest.rows[0].margin ?? 0))}, ` +
        `${lowest.rows[0].near} accounts within 30.00 of their limit`
    )
    return { checks }
  } finally {
    await client.end()
  }
}

export function formatMinor(minor) {
  const sign = minor < 0n ? '-' : ''
  const abs = minor < 0n ? -minor : minor
  const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${pounds}.${String(abs % 100n).padStart(2, '0')}`
}
