import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { mapLedgerError, RETRYABLE_SQLSTATES } from '#services/ledger/ledger_errors'
import { inGlobalTransaction, preparedNumberedQuery, preparedQuery } from '#services/database/prepared_query'
import jobQueue from '#services/queue/job_queue'
import type { JobPayloads } from '#services/queue/job_payloads'
import { ledgerPostingDuration, ledgerPostings, type PostingOutcome } from '#services/metrics/metrics'
import { postingKind } from '#domain/ledger/posting_kind'
import { DomainException } from '#exceptions/domain_exception'
import ledgerConfig from '#config/ledger'
import { PostingBatcher, type TransferPosting } from '#services/ledger/posting_batcher'

const MAX_ATTEMPTS = 5

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What a committed posting announces to the worker ('ledger.posted': notifications, risk scoring) */
export type PostingAnnouncement = JobPayloads['ledger.posted']

/**
 * Calls one ledger posting function (`select fn(...) as r`). Outside a
 * caller's transaction, and with nothing to announce, the call is ONE
 * round trip in its own (autocommit) transaction, as a named prepared
 * statement (parsed and planned once per connection). Retried on
 * serialization failure / deadlock with jittered backoff, at most 5
 * attempts. Ledger failures become domain exceptions
 * (app/services/ledger/ledger_errors.ts).
 *
 * `announce`: the posting's 'ledger.posted' job is enqueued in the SAME
 * transaction (transactional outbox, ARCHITECTURE §7): a failed posting
 * rolls the job back; a committed one is announced exactly once (a replay
 * announces again; the handler is idempotent). In autocommit it is still
 * ONE round trip: pg-boss builds the job's INSERT (`send` through an
 * executor that hands the statement back) and the posting runs it as a
 * data-modifying CTE of its own statement,
 * `with outbox as (insert into pgboss.job_common …) select fn(…) as r
 * from outbox` (the job's row first, so the function's row locks are held
 * no longer than without it), named and prepared like any posting. In a
 * caller's transaction the job is sent through that transaction first.
 *
 * `call` is the SQL expression with `?` placeholders and casts, e.g.
 * `ledger_post_transfer(?::text, ...)`.
 */
export async function callLedgerFunction<T = any>(
  call: string,
  bindings: unknown[],
  trx?: TransactionClientContract,
  announce?: PostingAnnouncement
): Promise<T> {
  return measured(postingKind(call, bindings), () => runLedgerFunction<T>(call, bindings, trx, announce))
}

const TRANSFER_CALL = `ledger_post_transfer(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::text, ?::bigint,
  ?::text, ?::text, ?::bigint, ?::jsonb, ?::jsonb)`

/**
 * A transfer (ledger_post_transfer). Outside a caller's transaction and
 * with LEDGER_BATCHING on (the default), through the posting batcher: the
 * transfers in flight at the same time share one transaction and commit,
 * each still booked or refused on its own (posting_batcher.ts). Otherwise
 * callLedgerFunction: its own transaction, or the caller's.
 */
export async function postTransferFunction(
  posting: TransferPosting,
  trx?: TransactionClientContract,
  announce?: PostingAnnouncement
): Promise<any> {
  if (!trx && announce && ledgerConfig.batching) {
    return measured('transfer', () => postingBatcher.post(posting, announce))
  }
  return callLedgerFunction(TRANSFER_CALL, transferBindings(posting), trx, announce)
}

function transferBindings(posting: TransferPosting): unknown[] {
  return [
    posting.scope, posting.key, posting.request_hash, posting.debtor, posting.creditor_id, posting.creditor_number,
    posting.amount, posting.currency, posting.reference, posting.owner_customer, JSON.stringify(posting.audit),
    posting.payment ? JSON.stringify(posting.payment) : null,
  ]
}

/** The API's transfers when LEDGER_BATCHING is on; a batch of one posts as usual */
const postingBatcher = new PostingBatcher((posting, announce) =>
  runLedgerFunction(TRANSFER_CALL, transferBindings(posting), undefined, announce)
)

/** Counts the posting and its time in the metrics, from any process, whatever the outcome */
async function measured<T>(kind: string, post: () => Promise<T>): Promise<T> {
  const started = performance.now()
  let outcome: PostingOutcome = 'error'
  try {
    const result = await post()
    outcome = (result as any)?.replayed === true ? 'replayed' : 'posted'
    return result
  } catch (error: any) {
    if (isRefusal(error)) outcome = 'refused'
    throw error
  } finally {
    /* strongroom_ledger_postings_total / _posting_duration_seconds */
    ledgerPostings.inc({ kind, outcome })
    ledgerPostingDuration.observe({ kind }, (performance.now() - started) / 1000)
  }
}

/** A ledger rule said no (a domain exception, or a raw SRLxx such as the payment limits): not a failure of the system */
function isRefusal(error: any): boolean {
  return error instanceof DomainException || (typeof error?.code === 'string' && error.code.startsWith('SRL'))
}

async function runLedgerFunction<T>(
  call: string,
  bindings: unknown[],
  trx?: TransactionClientContract,
  announce?: PostingAnnouncement
): Promise<T> {
  const sql = `select ${call} as r`
  for (let attempt = 1; ; attempt++) {
    try {
      if (trx) {
        if (announce) await jobQueue.enqueue(trx, 'ledger.posted', announce)
        return (await trx.rawQuery(sql, bindings as any[])).rows[0].r as T
      }
      if (announce) return await postAndAnnounce<T>(call, sql, bindings, announce)
      return (await preparedQuery(sql, bindings))[0].r as T
    } catch (error: any) {
      if (!trx && attempt < MAX_ATTEMPTS && RETRYABLE_SQLSTATES.has(error?.code)) {
        await sleep(Math.floor(Math.random() * 10 * attempt) + 1)
        continue
      }
      throw mapLedgerError(error)
    }
  }
}

/**
 * One statement, one round trip: the job's INSERT (pg-boss's SQL, `$1`)
 * as a data-modifying CTE, then the posting function (its `?` numbered
 * from `$2`). Both commit or neither does. Falls back to a transaction
 * when pg-boss's statement does not fit, or inside a global transaction.
 */
async function postAndAnnounce<T>(call: string, sql: string, bindings: unknown[], announce: PostingAnnouncement): Promise<T> {
  const insert = inGlobalTransaction() ? null : await jobQueue.insertStatement('ledger.posted', announce)
  if (!insert) {
    return db.transaction(async (own) => {
      await jobQueue.enqueue(own, 'ledger.posted', announce)
      return (await own.rawQuery(sql, bindings as any[])).rows[0].r as T
    })
  }
  let n = insert.values.length
  const numbered = call.replace(/\?/g, () => `$${++n}`)
  /* Selected FROM the CTE: the job's row is written first, before the function takes its row locks */
  const text = `with outbox as (${insert.text}) select ${numbered} as r from outbox`
  const rows = await preparedNumberedQuery(text, [...insert.values, ...bindings])
  if (rows.length !== 1) throw new Error('the posting was not run: its job was not inserted')
  return rows[0].r as T
}
