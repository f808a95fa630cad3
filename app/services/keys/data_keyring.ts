import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import keysConfig from '#config/keys'
import { keyProvider } from '#services/keys/key_providers'
import type { EncryptionContext, WrappedKey, KeyProviderName } from '#services/keys/key_provider'

type Client = QueryClientContract | TransactionClientContract | typeof db

/**
 * Data keys (ARCHITECTURE §8): one per customer (customer_data_keys) and a
 * few bank-wide ones (bank_data_keys, e.g. the blind-index key), stored
 * only wrapped by the key provider's master key.
 *
 * - A customer's key is made on first use (`forCustomer(id, { create: true })`,
 *   insert … on conflict do nothing, so two processes agree on one key).
 * - Destroying it (crypto-shredding, `destroyCustomerKey`) sets wrapped_key
 *   to null: everything sealed under it, in the database, backups and
 *   exports, is unreadable from then on; `forCustomer` returns null.
 * - Unwrapped keys stay in this process's memory for DATA_KEY_CACHE_SECONDS
 *   (a list page of 25 customers is not 25 HSM or KMS calls); never on disk.
 *   Another process may use an erased key until its cache entry expires.
 *
 * Context bound to each wrapped key: { purpose: 'customer', customer: '<id>' }
 * or { purpose: '<bank purpose>' }.
 */
const CACHE_LIMIT = 20_000

interface CacheEntry {
  key: Buffer | null
  expires: number
}

const customerCache = new Map<number, CacheEntry>()
const bankCache = new Map<string, Buffer>()
const bankPending = new Map<string, Promise<Buffer>>()

export function customerKeyContext(customerId: number): EncryptionContext {
  return { purpose: 'customer', customer: String(customerId) }
}

export function bankKeyContext(purpose: string): EncryptionContext {
  return { purpose }
}

export function wrappedOf(row: { provider: string; master_key_id: string; wrapped_key: Buffer }): WrappedKey {
  return { provider: row.provider as KeyProviderName, masterKeyId: row.master_key_id, wrapped: row.wrapped_key }
}

export default class DataKeyring {
  /**
   * The customer's data key, or null when it was destroyed (erased) or,
   * without `create`, never made.
   */
  static async forCustomer(
    customerId: number,
    options: { create?: boolean; region?: string; client?: Client } = {}
  ): Promise<Buffer | null> {
    const cached = this.#cached(customerId)
    if (cached !== undefined && (cached !== null || !options.create)) return cached
    const client = options.client ?? db
    const row = await client.from('customer_data_keys').where('customer_id', customerId).first()
    if (row) return this.#remember(customerId, row.wrapped_key ? await this.#unwrapCustomer(customerId, row) : null)
    if (!options.create) return null

    const provider = await keyProvider()
    const generated = await provider.generateDataKey(customerKeyContext(customerId))
    const inserted = await client
      .insertQuery()
      .table('customer_data_keys')
      .insert({
        customer_id: customerId,
        region: options.region ?? 'unknown',
        provider: generated.wrapped.provider,
        master_key_id: generated.wrapped.masterKeyId,
        wrapped_key: generated.wrapped.wrapped,
      })
      .knexQuery.onConflict('customer_id')
      .ignore()
      .returning('customer_id')
    if (inserted.length > 0) return this.#remember(customerId, generated.plaintext)
    /* another process made it first: use theirs */
    generated.plaintext.fill(0)
    return this.forCustomer(customerId, { client })
  }

  /**
   * Keys for many customers at once, made where missing (the demo seed and
   * the pii:encrypt backfill): one insert … on conflict do nothing for the
   * new ones; an existing key (another process's, or destroyed: null) wins.
   */
  static async forNewCustomers(
    customers: Array<{ id: number; region?: string }>,
    client: Client = db as unknown as Client
  ): Promise<Map<number, Buffer | null>> {
    const keys = new Map<number, Buffer | null>()
    if (customers.length === 0) return keys
    const provider = await keyProvider()
    const generated = await Promise.all(
      customers.map(async (customer) => ({ customer, key: await provider.generateDataKey(customerKeyContext(customer.id)) }))
    )
    const inserted: Array<{ customer_id: string | number }> = await client
      .insertQuery()
      .table('customer_data_keys')
      .insert(
        generated.map(({ customer, key }) => ({
          customer_id: customer.id,
          region: customer.region ?? 'unknown',
          provider: key.wrapped.provider,
          master_key_id: key.wrapped.masterKeyId,
          wrapped_key: key.wrapped.wrapped,
        }))
      )
      .knexQuery.onConflict('customer_id')
      .ignore()
      .returning('customer_id')
    const made = new Set(inserted.map((row) => Number(row.customer_id)))
    const existing: number[] = []
    for (const { customer, key } of generated) {
      if (made.has(customer.id)) keys.set(customer.id, this.#remember(customer.id, key.plaintext))
      else {
        key.plaintext.fill(0)
        this.forget(customer.id)
        existing.push(customer.id)
      }
    }
    if (existing.length > 0) for (const [id, key] of await this.forCustomers(existing, client)) keys.set(id, key)
    return keys
  }

  /** Keys of many customers in one query (list pages, exports); null for erased ones */
  static async forCustomers(customerIds: number[], client: Client = db): Promise<Map<number, Buffer | null>> {
    const keys = new Map<number, Buffer | null>()
    const missing: number[] = []
    for (const id of new Set(customerIds)) {
      const cached = this.#cached(id)
      if (cached === undefined) missing.push(id)
      else keys.set(id, cached)
    }
    if (missing.length > 0) {
      const rows = await client.from('customer_data_keys').whereIn('customer_id', missing)
      await Promise.all(
        rows.map(async (row) => {
          const id = Number(row.customer_id)
          keys.set(id, this.#remember(id, row.wrapped_key ? await this.#unwrapCustomer(id, row) : null))
        })
      )
      for (const id of missing) if (!keys.has(id)) keys.set(id, null)
    }
    return keys
  }

  /**
   * Crypto-shredding: the wrapped key is gone for good (no copy exists
   * anywhere else; backups taken before still hold it wrapped, which is why
   * a master key's retirement is part of the erasure runbook).
   */
  static async destroyCustomerKey(customerId: number, client: Client = db): Promise<boolean> {
    const updated = await client
      .from('customer_data_keys')
      .where('customer_id', customerId)
      .whereNotNull('wrapped_key')
      .update({ wrapped_key: null, destroyed_at: new Date() })
    this.forget(customerId)
    return Number(updated) > 0
  }

  /**
   * A bank-wide data key, made on first use. Concurrent first calls share
   * one lookup (a batch hashing 1,000 blind indexes at once would otherwise
   * read and unwrap the key 1,000 times).
   */
  static async bankKey(purpose: string): Promise<Buffer> {
    const cached = bankCache.get(purpose)
    if (cached) return cached
    let pending = bankPending.get(purpose)
    if (!pending) {
      pending = this.#loadBankKey(purpose).finally(() => bankPending.delete(purpose))
      bankPending.set(purpose, pending)
    }
    return pending
  }

  static async #loadBankKey(purpose: string): Promise<Buffer> {
    const provider = await keyProvider()
    const row = await db.from('bank_data_keys').where('purpose', purpose).first()
    if (row) {
      const key = await provider.unwrap(wrappedOf(row), bankKeyContext(purpose))
      bankCache.set(purpose, key)
      return key
    }
    const generated = await provider.generateDataKey(bankKeyContext(purpose))
    await db
      .insertQuery()
      .table('bank_data_keys')
      .insert({
        purpose,
        provider: generated.wrapped.provider,
        master_key_id: generated.wrapped.masterKeyId,
        wrapped_key: generated.wrapped.wrapped,
      })
      .knexQuery.onConflict('purpose')
      .ignore()
    generated.plaintext.fill(0)
    return this.#loadBankKey(purpose)
  }

  static forget(customerId?: number) {
    if (customerId === undefined) {
      customerCache.clear()
      bankCache.clear()
    } else {
      customerCache.delete(customerId)
    }
  }

  static async #unwrapCustomer(customerId: number, row: any): Promise<Buffer> {
    const provider = await keyProvider()
    return provider.unwrap(wrappedOf(row), customerKeyContext(customerId))
  }

  static #cached(customerId: number): Buffer | null | undefined {
    const entry = customerCache.get(customerId)
    if (!entry) return undefined
    if (entry.expires < Date.now()) {
      customerCache.delete(customerId)
      return undefined
    }
    return entry.key
  }

  static #remember(customerId: number, key: Buffer | null): Buffer | null {
    if (customerCache.size >= CACHE_LIMIT) customerCache.delete(customerCache.keys().next().value!)
    customerCache.set(customerId, { key, expires: Date.now() + keysConfig.dataKeyCacheSeconds * 1000 })
    return key
  }
}
