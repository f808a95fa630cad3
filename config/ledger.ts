import env from '#start/env'

/**
 * The posting batcher of the API's transfers (issue 14,
 * app/services/ledger/posting_batcher.ts). Read on use.
 *
 * - LEDGER_BATCHING: `on` (default) sends the transfers that arrive while
 *   earlier ones are in the database as one call of
 *   ledger_post_transfers(): one transaction, one commit; `off` posts each
 *   transfer in its own transaction (the benchmark shows both).
 * - LEDGER_BATCH_MAX: at most this many transfers in one batch (default 32,
 *   at most 64: each is a subtransaction, and PostgreSQL caches 64 per
 *   backend).
 * - LEDGER_BATCH_CONCURRENCY: batches in the database at once per process
 *   (default 2). A transfer never waits for a batch to fill: it goes at once
 *   when fewer batches than this are in flight, else with the next batch.
 */
const ledgerConfig = {
  get batching(): boolean {
    return (env.get('LEDGER_BATCHING') ?? 'on') !== 'off'
  },
  get batchMax(): number {
    return Math.min(64, Math.max(1, whole(env.get('LEDGER_BATCH_MAX'), 32)))
  },
  get batchConcurrency(): number {
    return Math.max(1, whole(env.get('LEDGER_BATCH_CONCURRENCY'), 2))
  },
}

/** A whole number, or the default (a value changed at run time by tests may be anything) */
function whole(value: unknown, fallback: number): number {
  const number = Number(value)
  return value !== undefined && value !== null && Number.isInteger(number) ? number : fallback
}

export default ledgerConfig
