import ledgerConfig from '#config/ledger'
import { inOwnTransaction } from '#services/database/prepared_query'
import { mapLedgerError, RETRYABLE_SQLSTATES } from '#services/ledger/ledger_errors'
import jobQueue from '#services/queue/job_queue'
import type { JobPayloads } from '#services/queue/job_payloads'
import { ledgerBatchSize } from '#services/metrics/metrics'

/** ledger_post_transfer()'s parameters by name: one element of ledger_post_transfers()'s array */
export interface TransferPosting {
  scope: string
  key: string
  request_hash: string
  debtor: number
  creditor_id: number | null
  creditor_number: string | null
  /** minor units */
  amount: string
  currency: string
  reference: string | null
  owner_customer: number | null
  audit: Record<string, unknown>
  payment: Record<string, unknown> | null
}

/** At most `max` transfers per batch, `concurrency` batches in the database at once */
export interface BatchLimits {
  max: number
  concurrency: number
}

type Announcement = JobPayloads['ledger.posted']

interface Pending {
  posting: TransferPosting
  announce: Announcement
  attempt: number
  resolve: (row: any) => void
  reject: (error: unknown) => void
}

/** What ledger_post_transfers() returns for a posting that raised */
interface PostingError {
  code: string
  message: string
  detail: string | null
  constraint: string | null
}

const MAX_ATTEMPTS = 5
const BATCH_STATEMENT = { name: 'sr_ledger_post_transfers', text: 'select ledger_post_transfers($1::jsonb) as r' }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Group commit for the API's transfers (issue 14; TigerBeetle's lesson:
 * amortise the round trip and the commit). A transfer goes to the database
 * AT ONCE when fewer than LEDGER_BATCH_CONCURRENCY batches are in flight
 * (under light load a batch of one: no waiting for a batch to fill);
 * otherwise it waits for the next batch, which leaves as soon as one in
 * flight returns, with up to LEDGER_BATCH_MAX transfers. So the window of
 * a batch is the time the previous one spent in the database.
 *
 * A batch of one is the ordinary posting (one autocommit round trip).
 * A larger batch is one transaction on one connection: BEGIN; one call of
 * ledger_post_transfers() (accounts locked in ascending id order, each
 * transfer in its own subtransaction: a refusal refuses that transfer
 * alone, with its own error); ONE insert of the 'ledger.posted' jobs of the
 * transfers that booked or replayed (the outbox, as for a single posting);
 * COMMIT. Each caller gets its own result or error. A transfer that hit a
 * serialization failure or a deadlock goes again with a later batch (at
 * most 5 attempts); when the whole batch fails, nothing of it committed and
 * every transfer in it gets the error (or goes again when it is
 * retryable).
 */
export class PostingBatcher {
  #queue: Pending[] = []
  #inFlight = 0

  /**
   * `single`: how a batch of ONE goes (light load): the ordinary posting,
   * one autocommit round trip with its job, its own retries and errors
   */
  constructor(
    private single: (posting: TransferPosting, announce: Announcement) => Promise<any>,
    private limits: () => BatchLimits = () => ({ max: ledgerConfig.batchMax, concurrency: ledgerConfig.batchConcurrency })
  ) {}

  post(posting: TransferPosting, announce: Announcement): Promise<any> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ posting, announce, attempt: 1, resolve, reject })
      this.#drain()
    })
  }

  /** Transfers waiting for a batch, and batches in the database (metrics, tests) */
  get depth() {
    return { queued: this.#queue.length, inFlight: this.#inFlight }
  }

  #drain() {
    const { max, concurrency } = this.limits()
    while (this.#inFlight < concurrency && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, max)
      this.#inFlight++
      this.#run(batch).finally(() => {
        this.#inFlight--
        this.#drain()
      })
    }
  }

  async #run(batch: Pending[]) {
    ledgerBatchSize.observe(batch.length)
    if (batch.length === 1) {
      const [only] = batch
      return this.single(only.posting, only.announce).then(only.resolve, only.reject)
    }
    let results: Array<Record<string, any>>
    try {
      results = await inOwnTransaction(async (executor) => {
        const [row] = await executor.query(BATCH_STATEMENT.text, [JSON.stringify(batch.map((p) => p.posting))], BATCH_STATEMENT.name)
        const rows: Array<Record<string, any>> = row.r
        const announced = batch.filter((_, i) => !rows[i].error).map((p) => p.announce)
        await jobQueue.enqueueMany(executor, 'ledger.posted', announced)
        return rows
      })
    } catch (error: any) {
      for (const pending of batch) this.#failed(pending, error)
      return
    }
    batch.forEach((pending, i) => {
      const result = results[i]
      if (result.error) this.#failed(pending, postingError(result.error))
      else pending.resolve(result)
    })
  }

  /** Retried with a later batch on 40001/40P01, else the caller gets the ledger's exception */
  #failed(pending: Pending, error: any) {
    if (pending.attempt < MAX_ATTEMPTS && RETRYABLE_SQLSTATES.has(error?.code)) {
      pending.attempt++
      sleep(Math.floor(Math.random() * 10 * pending.attempt) + 1).then(() => {
        this.#queue.push(pending)
        this.#drain()
      })
      return
    }
    pending.reject(mapLedgerError(error))
  }
}

/** The error a posting raised inside the batch, shaped like the driver's (code, detail, constraint) */
function postingError(error: PostingError) {
  return Object.assign(new Error(error.message), {
    code: error.code,
    detail: error.detail ?? undefined,
    constraint: error.constraint ?? undefined,
  })
}
