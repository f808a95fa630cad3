/**
 * The "function floor" of the transfer benchmark: the project's OWN posting
 * function, ledger_post_transfer() (database/sql/ledger/), called by pgbench
 * on the seeded bench database with no Node in the path, as the runtime role
 * the web process connects as. Real accounts and customers: debtors are the
 * current accounts of the customers the API run has tokens for (KYC
 * verified, active, at least MIN_FUNDS available), creditors any open GBP
 * account of the seed, the hot account the API's. Each call is what the API
 * sends for an ordinary payment (app/actions/ledger/post_transfer.ts):
 * scope 'customer:<id>', a unique idempotency key (gen_random_uuid()), a
 * sha256 request hash, the audit envelope (auditEnvelope's shape) and the
 * payment guard (paymentGuardJson's shape, the configured defaults), plus
 * the outbox: the posting's 'ledger.posted' job inserted in the same
 * statement, with the INSERT pg-boss builds for it (captured from pg-boss
 * itself, as app/services/ledger/ledger_functions.ts postAndAnnounce does).
 *
 * Not included: the inline risk rules' risk_facts() round trip and
 * everything in Node (token check, validation, JSON).
 *
 * The batched floor calls ledger_post_transfers(p_postings jsonb) with 16
 * random postings per call when the database has that function.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { PgBoss } from 'pg-boss'
import { runPgbench } from './floor.mjs'

/** Debtors need this much available (minor units, 200.00): a debtor running dry would abort a pgbench client */
const MIN_FUNDS = 20_000
export const BATCH_SIZE = 16

/**
 * Scratch tables (bench_fn_*, owned by the owner, readable by the runtime
 * role) numbering the debtors and creditors for pgbench, and the payment
 * guard and job template. Returns what the scripts need, or throws.
 */
export async function prepareFunctionFloor(ownerUrl, runtimeRole, { debtorAccountIds, creditorAccountIds, hotAccountId, payment }) {
  const outbox = await captureOutboxInsert(ownerUrl).catch((error) => ({ error: error.message.split('\n')[0] }))
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    await client.query(`
      drop table if exists bench_fn_debtors, bench_fn_creditors, bench_fn_config;
      create table bench_fn_debtors (n int primary key, account_id bigint not null, customer_id bigint not null);
      create table bench_fn_creditors (n int primary key, account_id bigint not null);
      create table bench_fn_config (hot_account bigint, payment jsonb not null, job_template jsonb)`)
    await client.query(
      `insert into bench_fn_debtors
       select row_number() over (order by a.id), a.id, a.customer_id
         from accounts a join customers c on c.id = a.customer_id
        where a.id = any($1::bigint[]) and a.kind = 'current' and a.status = 'active' and a.currency = 'GBP'
          and c.kyc_status = 'verified' and a.available >= $2`,
      [debtorAccountIds, MIN_FUNDS]
    )
    await client.query(
      `insert into bench_fn_creditors
       select row_number() over (order by a.id), a.id from accounts a
        where a.id = any($1::bigint[]) and a.status <> 'closed' and a.currency = 'GBP'`,
      [creditorAccountIds]
    )
    const template = outbox.text ? JSON.parse(outbox.values[0])[0] : null
    await client.query('insert into bench_fn_config values ($1, $2, $3)', [hotAccountId, payment, template])
    const role = client.escapeIdentifier(runtimeRole)
    await client.query(`grant select on bench_fn_debtors, bench_fn_creditors, bench_fn_config to ${role}; analyze bench_fn_debtors, bench_fn_creditors`)
    const counts = (await client.query(
      `select (select count(*) from bench_fn_debtors)::int as debtors, (select count(*) from bench_fn_creditors)::int as creditors,
              to_regprocedure('ledger_post_transfers(jsonb)') is not null as batched`
    )).rows[0]
    if (counts.debtors === 0 || counts.creditors < 2) throw new Error('no debtor with funds or too few creditors for the function floor')
    return { ...counts, outbox: outbox.text ? { text: outbox.text } : null, outboxError: outbox.error ?? null }
  } finally {
    await client.end()
  }
}

export async function dropFunctionFloor(ownerUrl) {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    await client.query('drop table if exists bench_fn_debtors, bench_fn_creditors, bench_fn_config')
  } finally {
    await client.end()
  }
}

/**
 * pg-boss's INSERT of one 'ledger.posted' job (`$1` = a JSON array of
 * jobs), built by pg-boss itself and not run, the way
 * JobQueue.insertStatement captures it for the API's postings.
 */
async function captureOutboxInsert(url) {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 1, migrate: false, createSchema: false, supervise: false, schedule: false })
  boss.on('error', () => {})
  await boss.start()
  try {
    const id = randomUUID()
    const captured = []
    const capture = {
      async executeSql(text, values) {
        captured.push({ text, values })
        return { rows: [{ id }] }
      },
    }
    await boss.send('ledger.posted', { scope: 'customer:0', key: 'template' }, { id, db: capture })
    const [insert] = captured
    if (captured.length !== 1 || !/^\s*INSERT INTO /i.test(insert.text) || insert.values.length !== 1 || /\$2\b/.test(insert.text)) {
      throw new Error('pg-boss did not build exactly one INSERT with one parameter')
    }
    /* pgbench would take ":name" for one of its variables */
    if (/(^|[^:]):[A-Za-z0-9_]/.test(insert.text.replace(/::/g, ''))) throw new Error('pg-boss INSERT has a ":name" pgbench would substitute')
    return insert
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => {})
  }
}

/**
 * The posting's fields for one row of `p` (debtor, customer, creditor,
 * amount, key, job): ledger_post_transfer's parameters in order, or, named,
 * an object of ledger_post_transfers' batch.
 */
const FIELDS = {
  scope: `'customer:' || p.customer`,
  key: 'p.key',
  request_hash: `encode(sha256(convert_to(p.key, 'UTF8')), 'hex')`,
  debtor: 'p.debtor',
  creditor_id: 'p.creditor',
  creditor_number: 'null::text',
  amount: 'p.amount',
  currency: `'GBP'`,
  reference: `'bench'`,
  owner_customer: 'p.customer',
  audit: `jsonb_build_object('actor_type', 'customer', 'actor_id', p.customer::text, 'ip', '127.0.0.1', 'request_id', p.job::text, 'metadata', '{}'::jsonb)`,
  payment: '(select payment from bench_fn_config)',
}

/** The outbox CTE: pg-boss's INSERT with one job per row of `p` (the template's id and data replaced) */
function outboxCte(outbox) {
  const jobs = `(select jsonb_agg(jsonb_set(jsonb_set(c.job_template, '{id}', to_jsonb(p.job)), '{data}',
      jsonb_build_object('scope', 'customer:' || p.customer, 'key', p.key)))::text from p, bench_fn_config c)`
  return `, outbox as (${outbox.text.replace('$1', () => jobs)})`
}

/**
 * The creditor of a row: number `n` of bench_fn_creditors, or the next one
 * when that is the debtor itself (a transfer to itself is refused, and a
 * refusal aborts a pgbench client); the hot account in the hot scenario.
 */
const creditorSql = (scenario, n, creditors) =>
  scenario === 'hot'
    ? '(select hot_account from bench_fn_config)'
    : `(select account_id from (
         select account_id, 0 as o from bench_fn_creditors where n = ${n} and account_id <> d.account_id
         union all select account_id, 1 from bench_fn_creditors where n = ${n} % ${creditors} + 1) x order by o limit 1)`

/** pgbench script: one ledger_post_transfer() per transaction (and its job when `outbox`) */
export function functionScript(scenario, { debtors, creditors, outbox }) {
  const args = Object.values(FIELDS).join(',\n  ')
  return `\\set d random(1, ${debtors})
\\set c random(1, ${creditors})
\\set amount random(1, 100)
with p as materialized (
  select d.account_id as debtor, d.customer_id as customer, ${creditorSql(scenario, ':c', creditors)} as creditor,
         :amount::bigint as amount, gen_random_uuid()::text as key, gen_random_uuid() as job
    from bench_fn_debtors d where d.n = :d
)${outbox ? outboxCte(outbox) : ''}
select ledger_post_transfer(
  ${args}) as r
from p${outbox ? ', (select count(*) from outbox) o' : ''};
`
}

/** pgbench script: one ledger_post_transfers() of BATCH_SIZE random postings per transaction (and their jobs) */
export function batchedFunctionScript(scenario, { debtors, creditors, outbox }, batchSize = BATCH_SIZE) {
  /* amount: minor units as a string, as the batcher sends it */
  const fields = Object.entries({ ...FIELDS, amount: 'p.amount::text' }).map(([name, sql]) => `'${name}', ${sql}`).join(',\n      ')
  return `with r as materialized (
  select g, 1 + floor(random() * ${debtors})::int as dn, 1 + floor(random() * ${creditors})::int as cn,
         1 + floor(random() * 100)::bigint as amount
    from generate_series(1, ${batchSize}) g
), p as materialized (
  select r.g, d.account_id as debtor, d.customer_id as customer, ${creditorSql(scenario, 'r.cn', creditors)} as creditor,
         r.amount, gen_random_uuid()::text as key, gen_random_uuid() as job
    from r join bench_fn_debtors d on d.n = r.dn
)${outbox ? outboxCte(outbox) : ''}
select ledger_post_transfers((select jsonb_agg(jsonb_build_object(
      ${fields}) order by p.g) from p)) as r
${outbox ? 'from (select count(*) from outbox) o' : ''};
`
}

/**
 * One function-floor run (pgbench as the runtime role): calls per second
 * and latency from pgbench, postings booked per second from the ledger
 * (transfers written during the run, which also counts a batch's
 * postings one by one and leaves out those it refused).
 */
/**
 * `clients`: pgbench clients (default `connections`); the batched floor runs
 * the batcher's shape: LEDGER_BATCH_CONCURRENCY calls in flight of
 * `batchSize` postings (what `connections` requests become in the API).
 */
export async function runFunctionFloor(ownerUrl, runtimeUrl, prepared, { scenario, connections, seconds, batched = false, clients = connections, batchSize = BATCH_SIZE }) {
  const script = batched ? batchedFunctionScript(scenario, prepared, batchSize) : functionScript(scenario, prepared)
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    const before = (await client.query(`select coalesce(max(id), 0)::bigint as id from ledger_transactions`)).rows[0].id
    const run = await runPgbench(runtimeUrl, { name: `fn-${scenario}`, script, connections: clients, seconds, maxTries: 5 })
    const booked = (await client.query(
      `select count(*)::int as n from ledger_transactions where id > $1 and kind = 'transfer'`, [before]
    )).rows[0].n
    return {
      ...run,
      scenario,
      connections,
      batched,
      clients,
      batchSize: batched ? batchSize : 1,
      outbox: Boolean(prepared.outbox),
      booked,
      postingsPerSecond: run.seconds ? booked / run.seconds : null,
    }
  } finally {
    await client.end()
  }
}
