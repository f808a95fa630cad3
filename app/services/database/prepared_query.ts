import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { fromKnex } from 'pg-boss'

interface Statement {
  name: string
  text: string
}

const statements = new Map<string, Statement>()

/**
 * `?` placeholders to `$1..$n` (the hot-path SQL of the callers has no `?`
 * inside string literals), under a name derived from the text, so every
 * instance and every connection agrees on it.
 */
function statementFor(sql: string): Statement {
  let statement = statements.get(sql)
  if (!statement) {
    let n = 0
    const text = sql.replace(/\?/g, () => `$${++n}`)
    const name = `sr_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    statement = { name, text }
    statements.set(sql, statement)
  }
  return statement
}

/**
 * Runs one statement of the request hot path as a NAMED prepared statement
 * on a connection of the pool Lucid uses (default connection, knex/tarn):
 * PostgreSQL parses and plans it once per connection instead of on every
 * call, and the driver skips knex's query building. Same rows and same pg
 * errors (code, constraint, detail) as `db.rawQuery`. Only for autocommit
 * statements outside a transaction; a caller's transaction keeps using
 * `trx.rawQuery`, and a global transaction is joined the same way. Not for statements whose result columns depend on the
 * schema (`select *`): a prepared plan must keep its result type.
 */
export async function preparedQuery<Row = any>(sql: string, values: unknown[]): Promise<Row[]> {
  const queryClient = db.connection()
  /* A global transaction (test groups) owns the connection: join it */
  if (queryClient.isTransaction) return (await queryClient.rawQuery(sql, values as any[])).rows
  const { name, text } = statementFor(sql)
  return runNamed<Row>(name, text, values)
}

const numberedNames = new Map<string, string>()

/**
 * preparedQuery for a statement already numbered `$1..$n` (a statement
 * built from another library's SQL, which has its own `$` placeholders).
 * Outside a global transaction only: the caller falls back otherwise.
 */
export async function preparedNumberedQuery<Row = any>(text: string, values: unknown[]): Promise<Row[]> {
  let name = numberedNames.get(text)
  if (!name) {
    name = `sr_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    numberedNames.set(text, name)
  }
  return runNamed<Row>(name, text, values)
}

/** One named statement on a pooled connection of Lucid's default connection */
async function runNamed<Row>(name: string, text: string, values: unknown[]): Promise<Row[]> {
  const client = db.connection().getWriteClient().client
  const connection = await client.acquireConnection()
  try {
    const result = await connection.query({ name, text, values })
    return result.rows as Row[]
  } finally {
    client.releaseConnection(connection)
  }
}

/** True while a global transaction (test groups) owns the default connection */
export function inGlobalTransaction(): boolean {
  return db.connection().isTransaction
}

/**
 * A statement runner inside inOwnTransaction: `$n` placeholders, named
 * (prepared once per connection) when `name` is given. Its `executeSql`
 * is the executor shape pg-boss takes as `{ db }`.
 */
export interface TransactionExecutor {
  query<Row = any>(text: string, values: unknown[], name?: string): Promise<Row[]>
  executeSql(text: string, values: unknown[]): Promise<{ rows: any[] }>
}

/**
 * BEGIN … COMMIT on one pooled connection of Lucid's default connection,
 * with the driver's own calls (no knex query building): for the posting
 * batcher, whose transaction is a few statements on the hot path. Rolled
 * back when `work` throws; a connection whose ROLLBACK fails is marked
 * broken so the pool does not hand it out again. In a global transaction
 * (test groups), a savepoint of it through Lucid instead.
 */
export async function inOwnTransaction<T>(work: (executor: TransactionExecutor) => Promise<T>): Promise<T> {
  if (inGlobalTransaction()) {
    return db.transaction((trx) => {
      const knexExecutor = fromKnex(trx.knexClient as any)
      return work({
        query: async (text, values) => (await knexExecutor.executeSql(text, values as any[])).rows,
        executeSql: (text, values) => knexExecutor.executeSql(text, values as any[]) as Promise<{ rows: any[] }>,
      })
    })
  }
  const client = db.connection().getWriteClient().client
  const connection = await client.acquireConnection()
  const executor: TransactionExecutor = {
    query: async (text, values, name) => (await connection.query(name ? { name, text, values } : { text, values })).rows,
    executeSql: (text, values) => connection.query(text, values),
  }
  try {
    await connection.query('begin')
    const result = await work(executor)
    await connection.query('commit')
    return result
  } catch (error) {
    await connection.query('rollback').catch((rollbackError: unknown) => {
      connection.__knex__disposed = rollbackError
    })
    throw error
  } finally {
    client.releaseConnection(connection)
  }
}
