import { test } from '@japa/runner'
import pg from 'pg'
import { databaseLocation } from '#config/database'
import { listSqlFunctions, sqlFunctionName, sqlFunctionSource } from '#database/sql_functions'

/**
 * The database runs exactly the files of database/sql (database/sql/README.md).
 *
 * Every file is installed, as the owner, into a scratch schema inside a
 * transaction that is rolled back; then each function deployed in `public`
 * is compared with its scratch twin: name, identity arguments, arguments
 * with defaults, result, language, body (prosrc), volatility, strictness,
 * parallel safety, security definer and SET options (proconfig). A file
 * edited without a migration that reinstalls it, a function changed by
 * hand, a plpgsql/sql function with no file (extensions aside) and a file
 * with no deployed function are each reported.
 */
const SCRATCH = 'sql_drift_check'

const FUNCTIONS = `
  select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as signature,
         p.proname as name,
         json_build_object(
           'arguments', pg_get_function_arguments(p.oid),
           'result', pg_get_function_result(p.oid),
           'language', l.lanname,
           'source', p.prosrc,
           'kind', p.prokind,
           'volatility', p.provolatile,
           'strict', p.proisstrict,
           'parallel', p.proparallel,
           'security_definer', p.prosecdef,
           'config', p.proconfig
         ) as definition
    from pg_proc p
    join pg_language l on l.oid = p.prolang
   where p.pronamespace = $1::regnamespace
     and l.lanname in ('plpgsql', 'sql')
     and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
   order by 1`

type Deployed = Map<string, { name: string; definition: Record<string, unknown> }>

async function functionsIn(client: pg.Client, schema: string): Promise<Deployed> {
  const { rows } = await client.query(FUNCTIONS, [schema])
  return new Map(rows.map((row) => [row.signature, { name: row.name, definition: row.definition }]))
}

/** What differs between `public` and the files, one line each; [] when they match */
async function drift(client: pg.Client): Promise<string[]> {
  const deployed = await functionsIn(client, 'public')
  const files = await functionsIn(client, SCRATCH)
  const fileOf = new Map(listSqlFunctions().map((name) => [sqlFunctionName(name), `database/sql/${name}.sql`]))
  const problems: string[] = []
  for (const [signature, file] of files) {
    const live = deployed.get(signature)
    if (!live) {
      problems.push(`${signature} of ${fileOf.get(file.name)} is not deployed`)
      continue
    }
    for (const [key, value] of Object.entries(file.definition)) {
      if (JSON.stringify(live.definition[key]) !== JSON.stringify(value)) {
        problems.push(`${signature} differs from ${fileOf.get(file.name)} in its ${key}`)
      }
    }
  }
  for (const signature of deployed.keys()) {
    if (!files.has(signature)) problems.push(`${signature} is deployed but no file under database/sql creates it`)
  }
  for (const [fn, file] of fileOf) {
    if (![...files.values()].some((f) => f.name === fn)) problems.push(`${file} creates no function named ${fn}`)
  }
  return problems
}

/** Runs `check` as the owner, in a transaction that holds the scratch install and is always rolled back */
async function withFilesInstalled<T>(check: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, user, password, database } = databaseLocation.owner
  const client = new pg.Client({ host, port, user, password, database })
  await client.connect()
  try {
    await client.query('begin')
    await client.query(`create schema ${SCRATCH}`)
    await client.query(`set local search_path = ${SCRATCH}, public`)
    await client.query('set local check_function_bodies = off')
    for (const name of listSqlFunctions()) await client.query(sqlFunctionSource(name))
    return await check(client)
  } finally {
    await client.query('rollback').catch(() => {})
    await client.end()
  }
}

test.group('Database functions: database/sql is what runs', () => {
  test('every plpgsql/sql function in the database is its file, and every file is deployed', async ({ assert }) => {
    const problems = await withFilesInstalled(drift)
    assert.deepEqual(problems, [], 'out of date: add a migration that reinstalls the file (database/sql/README.md)')
  })

  test('reports a function changed by hand, a function with no file and a file with no function', async ({ assert }) => {
    const { before, after } = await withFilesInstalled(async (client) => {
      const found = await drift(client)
      await client.query(`set local search_path = public`)
      await client.query(`
        create or replace function ledger_raise(p_state text, p_code text, p_detail text) returns void
        language plpgsql as $$ begin raise exception using errcode = p_state, message = p_code; end $$`)
      await client.query('create function sql_drift_orphan() returns int language sql as $$ select 1 $$')
      await client.query('drop function ledger_hold_json(bigint)')
      await client.query(`set local search_path = ${SCRATCH}, public`)
      return { before: found, after: await drift(client) }
    })
    assert.sameMembers(
      after.filter((problem) => !before.includes(problem)),
      [
        'ledger_raise(p_state text, p_code text, p_detail text) differs from database/sql/ledger/ledger_raise.sql in its source',
        'sql_drift_orphan() is deployed but no file under database/sql creates it',
        'ledger_hold_json(p_id bigint) of database/sql/ledger/ledger_hold_json.sql is not deployed',
      ]
    )
  })
})
