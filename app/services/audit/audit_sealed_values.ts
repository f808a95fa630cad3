import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import DataKeyring from '#services/keys/data_keyring'
import { open, seal } from '#services/keys/sealing'
import { ERASED_NAME } from '#services/keys/customer_personal_data'

type Client = QueryClientContract | TransactionClientContract | typeof db

/**
 * Personal data inside audit rows (ARCHITECTURE §5 and §8): a customer's
 * name or email in an audit row's before/after/metadata is stored sealed
 * under that customer's data key, as
 *   { "sealed": "<base64>", "for": "customer:42" }
 * (AES-256-GCM, associated data `audit:customer:42`). The row hash and the
 * seal chain cover this sealed form, so `audit:verify` verifies rows whose
 * key was since destroyed; erasing the customer (crypto-shredding) makes
 * the value unreadable here too. Readers call `openAuditValues()` for
 * display: '[erased]' when the key is gone.
 */
export interface SealedAuditValue {
  sealed: string
  for: string
}

const FOR_CUSTOMER = /^customer:(\d{1,18})$/

/** Shown for a sealed value that does not open under its customer's (existing) key: altered or misplaced */
export const UNREADABLE = '[unreadable]'

export function auditAad(customerId: number): string {
  return `audit:customer:${customerId}`
}

export function isSealedAuditValue(value: unknown): value is SealedAuditValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 2 &&
    typeof (value as any).sealed === 'string' &&
    typeof (value as any).for === 'string' &&
    FOR_CUSTOMER.test((value as any).for)
  )
}

/** One value (any JSON) sealed under the customer's key (made on first use) */
export async function sealForCustomer(customerId: number, value: unknown, client?: Client): Promise<SealedAuditValue> {
  const key = await DataKeyring.forCustomer(customerId, { create: true, client: client as any })
  if (!key) throw new Error(`Customer ${customerId}'s data key was destroyed: nothing can be sealed for them`)
  return {
    sealed: seal(key, JSON.stringify(value), auditAad(customerId)).toString('base64'),
    for: `customer:${customerId}`,
  }
}

/**
 * `record` with the listed fields sealed for the customer (absent,
 * null and undefined fields stay as they are: "no value" is not personal).
 */
export async function sealFieldsForCustomer<T extends Record<string, unknown>>(
  customerId: number,
  record: T,
  fields: ReadonlyArray<keyof T & string>,
  client?: Client
): Promise<Record<keyof T, unknown>> {
  const result: Record<string, unknown> = { ...record }
  for (const field of fields) {
    if (result[field] === undefined || result[field] === null) continue
    result[field] = await sealForCustomer(customerId, result[field], client)
  }
  return result as Record<keyof T, unknown>
}

/**
 * Values with every sealed value opened (deep, one keyring call for all
 * the customers involved): the plaintext, or '[erased]' when the
 * customer's key was destroyed, '[unreadable]' when it does not open.
 */
export async function openAuditValues<T extends unknown[]>(values: T, client?: Client): Promise<T> {
  const ids = new Set<number>()
  const collect = (value: unknown) => {
    if (isSealedAuditValue(value)) ids.add(Number(FOR_CUSTOMER.exec(value.for)![1]))
    else if (Array.isArray(value)) value.forEach(collect)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect)
  }
  values.forEach(collect)
  if (ids.size === 0) return values
  const keys = await DataKeyring.forCustomers([...ids], (client ?? db) as any)
  const replace = (value: unknown): unknown => {
    if (isSealedAuditValue(value)) {
      const id = Number(FOR_CUSTOMER.exec(value.for)![1])
      const key = keys.get(id)
      if (!key) return ERASED_NAME
      try {
        return JSON.parse(open(key, Buffer.from(value.sealed, 'base64'), auditAad(id)).toString('utf8'))
      } catch {
        return UNREADABLE
      }
    }
    if (Array.isArray(value)) return value.map(replace)
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]))
    }
    return value
  }
  return values.map(replace) as T
}
