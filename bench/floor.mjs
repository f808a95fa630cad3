/**
 * The database floor of the transfer benchmark: the same transfer as plain
 * SQL, driven by pgbench on the same PostgreSQL server, on scratch tables
 * (bench_floor_*) so the real ledger stays untouched.
 *
 * One transfer = BEGIN; SELECT the two account rows FOR UPDATE in id order;
 * two UPDATEs; INSERT one transaction row; INSERT two entry rows; COMMIT.
 */
import { mkdtemp, readdir, readFile, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { percentile, run } from './lib.mjs'

const ACCOUNTS = 10_000
const HOT = 1

export const FLOOR_SCHEMA = `
drop table if exists bench_floor_entries, bench_floor_transactions, bench_floor_accounts;
create table bench_floor_accounts (
  id bigint primary key,
  balance bigint not null,
  available bigint not null,
  overdraft_limit bigint not null default 0,
  updated_at timestamptz not null default now(),
  constraint bench_floor_available check (available >= -overdraft_limit)
);
create table bench_floor_transactions (
  id bigserial primary key,
  kind varchar(20) not null,
  reference varchar(140),
  debtor_account_id bigint references bench_floor_accounts (id),
  creditor_account_id bigint references bench_floor_accounts (id),
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  booked_at timestamptz not null default now()
);
create index on bench_floor_transactions (debtor_account_id, id);
create index on bench_floor_transactions (creditor_account_id, id);
create table bench_floor_entries (
  id bigserial primary key,
  transaction_id bigint not null references bench_floor_transactions (id),
  account_id bigint not null references bench_floor_accounts (id),
  direction varchar(6) not null check (direction in ('debit', 'credit')),
  amount bigint not null check (amount > 0),
  currency char(3) not null
);
create index on bench_floor_entries (account_id, id);
create index on bench_floor_entries (transaction_id);
insert into bench_floor_accounts (id, balance, available)
  select g, 100000000, 100000000 from generate_series(1, ${ACCOUNTS}) g;
analyze bench_floor_accounts;
`

const TRANSFER = `
BEGIN;
SELECT id FROM bench_floor_accounts WHERE id IN (:lo, :hi) ORDER BY id FOR UPDATE;
UPDATE bench_floor_accounts SET balance = balance - :amount, available = available - :amount, updated_at = now() WHERE id = :debtor;
UPDATE bench_floor_accounts SET balance = balance + :amount, available = available + :amount, updated_at = now() WHERE id = :creditor;
INSERT INTO bench_floor_transactions (kind, reference, debtor_account_id, creditor_account_id, amount, currency) VALUES ('transfer', 'bench', :debtor, :creditor, :amount, 'GBP') RETURNING id AS tx \\gset
INSERT INTO bench_floor_entries (transaction_id, account_id, direction, amount, currency) VALUES (:tx, :debtor, 'debit', :amount, 'GBP'), (:tx, :creditor, 'credit', :amount, 'GBP');
COMMIT;
`

export const FLOOR_SCRIPTS = {
  random: `\\set debtor random(1, ${ACCOUNTS})
\\set other random(1, ${ACCOUNTS - 1})
\\set creditor CASE WHEN :other >= :debtor THEN :other + 1 ELSE :other END
\\set lo least(:debtor, :creditor)
\\set hi greatest(:debtor, :creditor)
\\set amount random(1, 100)
${TRANSFER}`,
  hot: `\\set debtor random(${HOT + 1}, ${ACCOUNTS})
\\set creditor ${HOT}
\\set lo ${HOT}
\\set hi :debtor
\\set amount random(1, 100)
${TRANSFER}`,
}

/** Creates the scratch tables (psql) */
export async function prepareFloor(pg) {
  await run('psql', [...connectionArgs(pg), '-v', 'ON_ERROR_STOP=1', '-q', '-c', FLOOR_SCHEMA], pgEnv(pg))
}

export async function dropFloor(pg) {
  await run('psql', [...connectionArgs(pg), '-q', '-c',
    'drop table if exists bench_floor_entries, bench_floor_transactions, bench_floor_accounts'], pgEnv(pg))
}

/** One pgbench run of the SQL floor; tps from its summary, p50/p99 from the per-transaction log */
export async function runFloor(pg, { scenario, connections, seconds }) {
  const result = await runPgbench(pg, { name: scenario, script: FLOOR_SCRIPTS[scenario], connections, seconds })
  if (result.aborted) throw new Error(`pgbench aborted: ${result.error}`)
  return { scenario, connections, ...result }
}

/**
 * One pgbench run of `script` (-M prepared -j 2, a per-transaction log):
 * tps from its summary, p50/p99 from the log. `maxTries` retries
 * serialization failures and deadlocks as a client would. A run whose
 * clients aborted (an error pgbench does not retry, exit 2) still answers,
 * with `aborted` and the first error line, instead of throwing.
 */
export async function runPgbench(pg, { name, script, connections, seconds, maxTries = 1 }) {
  const dir = await mkdtemp(join(tmpdir(), 'sr-floor-'))
  try {
    const file = join(dir, `${name}.sql`)
    await writeFile(file, script)
    const args = [...connectionArgs(pg), '-n', '-M', 'prepared', '-c', String(connections), '-j', '2',
      '-T', String(seconds), '-f', file, '-l', '--log-prefix', join(dir, 'log'),
      ...(maxTries > 1 ? [`--max-tries=${maxTries}`] : [])]
    let stdout
    let aborted = null
    try {
      stdout = (await run('pgbench', args, { timeoutMs: (seconds + 60) * 1000, ...pgEnv(pg) })).stdout
    } catch (error) {
      if (error.stdout === undefined) throw error
      stdout = error.stdout
      aborted = (error.stderr ?? '').split('\n').find((l) => /error|abort/i.test(l)) ?? `exit ${error.code}`
    }
    const latencies = []
    for (const log of (await readdir(dir)).filter((f) => f.startsWith('log'))) {
      for (const line of (await readFile(join(dir, log), 'utf8')).split('\n')) {
        const fields = line.split(' ')
        if (fields.length >= 6 && fields[2] !== 'failed') latencies.push(Number(fields[2]) / 1000)
      }
    }
    latencies.sort((a, b) => a - b)
    const number = (re) => (re.exec(stdout) ? Number(re.exec(stdout)[1]) : null)
    return {
      seconds,
      tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
      avg: number(/latency average = ([\d.]+) ms/),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      transactions: number(/number of transactions actually processed: (\d+)/),
      failed: number(/number of failed transactions: (\d+)/) ?? 0,
      retried: number(/number of transactions retried: (\d+)/) ?? 0,
      ...(aborted ? { aborted: true, error: aborted } : {}),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function pgEnv(pg) {
  return { env: { ...process.env, PGPASSWORD: decodeURIComponent(new URL(pg).password) } }
}

function connectionArgs(pg) {
  const url = new URL(pg)
  return ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'),
    '-d', decodeURIComponent(url.pathname.slice(1))]
}
