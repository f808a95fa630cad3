import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { keyProvider } from '#services/keys/key_providers'
import { bankKeyContext, customerKeyContext, wrappedOf } from '#services/keys/data_keyring'
import type { EncryptionContext, KeyProvider, WrappedKey } from '#services/keys/key_provider'
import AuditTrail from '#services/audit/audit_trail'
import { NO_REQUEST, type Actor } from '#domain/audit/actor'

export interface RotateDataKeysInput {
  /** Rows locked, re-wrapped and updated per transaction (default 500) */
  batchSize?: number
  /** Stop after this many rows were attempted (a bounded run; the next run resumes) */
  limit?: number
  /** Only rows wrapped under these master keys (default: every key but the current one) */
  fromMasterKeyIds?: string[]
  /** Provider calls in flight at once within a batch (default 8; KMS latency, not CPU) */
  concurrency?: number
  onProgress?: (done: number, total: number) => void
}

export interface RotationFailure {
  table: 'customer_data_keys' | 'bank_data_keys'
  /** customer id or bank key purpose */
  key: string
  masterKeyId: string
  error: string
}

export interface RotationSummary {
  targetMasterKeyId: string
  /** Rows not on the target key when the run started */
  pending: number
  rotated: { customer: number; bank: number }
  failed: RotationFailure[]
  /** Rows still not on the target key when the run ended (failed, locked by another run, or past --limit) */
  remaining: number
}

export const KEYS_ACTOR: Actor = { type: 'system', id: 'keys' }

interface Table {
  name: RotationFailure['table']
  id: 'customer_id' | 'purpose'
  idType: 'bigint' | 'text'
  kind: keyof RotationSummary['rotated']
  context: (id: string) => EncryptionContext
}

const TABLES: Table[] = [
  { name: 'customer_data_keys', id: 'customer_id', idType: 'bigint', kind: 'customer', context: (id) => customerKeyContext(Number(id)) },
  { name: 'bank_data_keys', id: 'purpose', idType: 'text', kind: 'bank', context: (id) => bankKeyContext(id) },
]

/**
 * Re-wraps every data key not yet under the provider's current master key
 * (`node ace keys:rotate`, after `keys:generate` and MASTER_KEY_ID).
 *
 * - Batches in key order, each in its own transaction: `select … for
 *   update skip locked` (a concurrent run or an erasure holding a row is
 *   skipped, not waited for), unwrap under the row's own key, wrap under
 *   the current one, update master_key_id, wrapped_key and rotated_at.
 * - No downtime: readers unwrap with the row's own master_key_id, old or
 *   new, so both keys stay in the provider until no row names the old one.
 *   The data key itself does not change: nothing sealed with it is touched.
 * - Resumable and idempotent by construction: a run only selects rows not
 *   on the current key, so an interrupted run loses at most its open batch
 *   (rolled back) and the next run picks up the rest; a second run finds 0.
 * - Destroyed keys (wrapped_key null) are left alone. A row that fails
 *   (unknown old key, wrong context, another provider) is reported and
 *   skipped, the others go on. Plaintext data keys exist only in memory,
 *   zeroed after use.
 * - One audit row (keys.data_keys.rotated) with the counts.
 */
export default class RotateDataKeys {
  async handle(input: RotateDataKeysInput = {}): Promise<RotationSummary> {
    const provider = await keyProvider()
    const target = provider.currentMasterKeyId()
    const batchSize = Math.max(1, input.batchSize ?? 500)
    const summary: RotationSummary = { targetMasterKeyId: target, pending: 0, rotated: { customer: 0, bank: 0 }, failed: [], remaining: 0 }
    summary.pending = await this.#pendingCount(target, input.fromMasterKeyIds)
    const total = Math.min(summary.pending, input.limit ?? Number.POSITIVE_INFINITY)
    let attempted = 0
    input.onProgress?.(0, total)

    for (const table of TABLES) {
      let after: string | null = null
      while (attempted < total) {
        const size = Math.min(batchSize, total - attempted)
        const batch: { rows: number; last: string | null } = await db.transaction(async (trx) => {
          const rows = await this.#lockBatch(trx, table, target, after, size, input.fromMasterKeyIds)
          const rewrapped: Array<{ row: any; wrapped: WrappedKey }> = []
          await pool(rows, input.concurrency ?? 8, async (row) => {
            const wrapped = await this.#rewrap(provider, table, row, target, summary)
            if (wrapped) rewrapped.push({ row, wrapped })
          })
          await this.#update(trx, table, rewrapped)
          summary.rotated[table.kind] += rewrapped.length
          return { rows: rows.length, last: rows.length > 0 ? String(rows[rows.length - 1][table.id]) : null }
        })
        if (batch.rows === 0) break
        after = batch.last
        attempted += batch.rows
        input.onProgress?.(Math.min(attempted, total), total)
      }
    }

    summary.remaining = await this.#pendingCount(target, input.fromMasterKeyIds)
    await AuditTrail.record({
      actor: KEYS_ACTOR,
      action: 'keys.data_keys.rotated',
      subject: { type: 'master_key', id: target },
      after: { ...summary, failed: summary.failed.length },
      metadata: { failedKeys: summary.failed.slice(0, 50).map((failure) => `${failure.table}:${failure.key}`) },
      ...NO_REQUEST,
    })
    return summary
  }

  /** The row's data key wrapped under `target`, or null (recorded in summary.failed) */
  async #rewrap(provider: KeyProvider, table: Table, row: any, target: string, summary: RotationSummary): Promise<WrappedKey | null> {
    const id = String(row[table.id])
    const context = table.context(id)
    let plaintext: Buffer | undefined
    try {
      if (row.provider !== provider.name) {
        throw new Error(`wrapped by the ${row.provider} provider; KEY_PROVIDER is ${provider.name} (moving between providers is not a rotation)`)
      }
      plaintext = await provider.unwrap(wrappedOf(row), context)
      return await provider.wrap(plaintext, context, target)
    } catch (error: any) {
      summary.failed.push({ table: table.name, key: id, masterKeyId: row.master_key_id, error: String(error?.message ?? error) })
      return null
    } finally {
      plaintext?.fill(0)
    }
  }

  /** The batch's new wrapped keys in one statement (update … from (values …)) */
  async #update(trx: TransactionClientContract, table: Table, rewrapped: Array<{ row: any; wrapped: WrappedKey }>) {
    if (rewrapped.length === 0) return
    const values = rewrapped.map(() => '(?, ?, ?, ?::bytea)').join(', ')
    const bindings = rewrapped.flatMap(({ row, wrapped }) => [String(row[table.id]), wrapped.provider, wrapped.masterKeyId, wrapped.wrapped])
    await trx.rawQuery(
      `update ${table.name} as t
          set provider = v.provider, master_key_id = v.master_key_id, wrapped_key = v.wrapped_key, rotated_at = now()
         from (values ${values}) as v(id, provider, master_key_id, wrapped_key)
        where t.${table.id} = v.id::${table.idType}`,
      bindings
    )
  }

  #lockBatch(trx: TransactionClientContract, table: Table, target: string, after: string | null, size: number, from?: string[]) {
    const query = trx
      .from(table.name)
      .select(table.id, 'provider', 'master_key_id', 'wrapped_key')
      .whereNotNull('wrapped_key')
      .whereNot('master_key_id', target)
      .orderBy(table.id)
      .limit(size)
      .forUpdate()
      .skipLocked()
    if (after !== null) query.where(table.id, '>', after)
    if (from) query.whereIn('master_key_id', from)
    return query
  }

  async #pendingCount(target: string, from?: string[]): Promise<number> {
    let count = 0
    for (const table of TABLES) {
      const query = db.from(table.name).whereNotNull('wrapped_key').whereNot('master_key_id', target)
      if (from) query.whereIn('master_key_id', from)
      const row = await query.count('* as total').first()
      count += Number(row?.total ?? 0)
    }
    return count
  }
}

/** Runs `work` over `items` with at most `limit` in flight */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
}
