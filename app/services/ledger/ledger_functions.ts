import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { mapLedgerError, RETRYABLE_SQLSTATES } from '#services/ledger/ledger_errors'
import { preparedQuery } from '#services/database/prepared_query'

const MAX_ATTEMPTS = 5

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Calls one ledger posting function (`select fn(...) as r`) in ONE round
 * trip. Outside a caller's transaction the call is its own (autocommit)
 * transaction, runs as a named prepared statement (parsed and planned once
 * per connection) and is retried on serialization failure / deadlock with
 * jittered backoff, at most 5 attempts. Ledger failures become domain
 * exceptions (app/services/ledger/ledger_errors.ts).
 *
 * `call` is the SQL expression with `?` placeholders and casts, e.g.
 * `ledger_post_transfer(?::text, ...)`.
 */
export async function callLedgerFunction<T = any>(
  call: string,
  bindings: unknown[],
  trx?: TransactionClientContract
): Promise<T> {
  const sql = `select ${call} as r`
  for (let attempt = 1; ; attempt++) {
    try {
      const rows = trx ? (await trx.rawQuery(sql, bindings as any[])).rows : await preparedQuery(sql, bindings)
      return rows[0].r as T
    } catch (error: any) {
      if (!trx && attempt < MAX_ATTEMPTS && RETRYABLE_SQLSTATES.has(error?.code)) {
        await sleep(Math.floor(Math.random() * 10 * attempt) + 1)
        continue
      }
      throw mapLedgerError(error)
    }
  }
}
