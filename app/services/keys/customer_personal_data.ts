import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import DataKeyring from '#services/keys/data_keyring'
import { openJson, sealJson } from '#services/keys/sealing'
import { blindIndex, nameIndexes } from '#services/keys/blind_index'
import type { CustomerAddress, KycDocument } from '#domain/customers/customer_record'
import PersonalDataErasedException from '#exceptions/personal_data_erased_exception'

type Client = QueryClientContract | TransactionClientContract | typeof db

/**
 * A customer's personal fields (ARCHITECTURE §8, issue 13): sealed together
 * as one JSON value in customers.personal_data under the customer's data
 * key, associated data `customers:<id>:personal_data` (a value copied onto
 * another customer's row does not open). Equality lookups use the blind
 * indexes stored next to it (email_index, national_id_index, name_index).
 *
 * The model (app/models/customer.ts) seals on save and opens after every
 * fetch; the backfill (pii:encrypt) and the demo seed use the same
 * functions on plain rows.
 */
export interface PersonalFields {
  fullName: string
  email: string
  phone: string | null
  /** ISO date (YYYY-MM-DD) */
  dateOfBirth: string | null
  address: CustomerAddress | null
  nationalId: string | null
  kycDocuments: KycDocument[]
}

/** What a customer row stores for its personal fields */
export interface SealedPersonalData {
  personal_data: Buffer
  email_index: string
  national_id_index: string | null
  name_index: string[]
}

/** The name shown for a customer whose key was destroyed (crypto-shredded) */
export const ERASED_NAME = '[erased]'

/** 410 E_PERSONAL_DATA_ERASED: an erased customer's personal data cannot be changed */
export function personalDataErased(): PersonalDataErasedException {
  return new PersonalDataErasedException("This customer's personal data was erased; it cannot be changed.")
}

export function personalDataAad(customerId: number): string {
  return `customers:${customerId}:personal_data`
}

export async function sealPersonalFields(customerId: number, key: Buffer, fields: PersonalFields): Promise<SealedPersonalData> {
  return {
    personal_data: sealJson(key, fields, personalDataAad(customerId)),
    email_index: await blindIndex('email', fields.email),
    national_id_index: fields.nationalId ? await blindIndex('national_id', fields.nationalId) : null,
    name_index: await nameIndexes(fields.fullName),
  }
}

export function openPersonalFields(customerId: number, key: Buffer, sealed: Buffer): PersonalFields {
  return openJson<PersonalFields>(key, sealed, personalDataAad(customerId))
}

/**
 * Opens the personal data of many rows with one keyring call. `rows` are
 * plain database rows (snake_case, as `db.from('customers')` returns them)
 * holding at least id and personal_data; legacy rows (personal_data null)
 * are read from their plaintext columns. null = erased (key destroyed).
 */
export async function openPersonalRows(
  rows: Array<Record<string, any>>,
  client: Client = db
): Promise<Map<number, PersonalFields | null>> {
  const result = new Map<number, PersonalFields | null>()
  const sealedIds = rows.filter((row) => row.personal_data).map((row) => Number(row.id))
  const keys = sealedIds.length > 0 ? await DataKeyring.forCustomers(sealedIds, client) : new Map()
  for (const row of rows) {
    const id = Number(row.id)
    if (!row.personal_data) {
      result.set(id, legacyFields(row))
      continue
    }
    const key = keys.get(id)
    result.set(id, key ? openPersonalFields(id, key, row.personal_data) : null)
  }
  return result
}

/** The personal fields of a row not yet sealed (before `node ace pii:encrypt`) */
export function legacyFields(row: Record<string, any>): PersonalFields {
  const dob = row.date_of_birth
  return {
    fullName: row.full_name ?? '',
    email: row.email ?? '',
    phone: row.phone ?? null,
    dateOfBirth: dob ? (dob instanceof Date ? DateTime.fromJSDate(dob).toISODate() : String(dob).slice(0, 10)) : null,
    address: typeof row.address === 'string' ? JSON.parse(row.address) : (row.address ?? null),
    nationalId: null,
    kycDocuments: typeof row.kyc_documents === 'string' ? JSON.parse(row.kyc_documents) : (row.kyc_documents ?? []),
  }
}

/** The legacy plaintext columns as a sealed (or erased) row keeps them: empty */
export const EMPTY_PLAINTEXT_COLUMNS = {
  full_name: null,
  email: null,
  phone: null,
  date_of_birth: null,
  address: null,
  kyc_documents: '[]',
} as const

/**
 * Seals a customer's fields (the key is made on first use, in `region`):
 * the columns to write, with the plaintext ones emptied.
 */
export async function sealedColumns(
  customerId: number,
  fields: PersonalFields,
  options: { region?: string; client?: Client } = {}
): Promise<SealedPersonalData & Record<string, unknown>> {
  const key = await DataKeyring.forCustomer(customerId, { create: true, region: options.region, client: options.client })
  if (!key) throw personalDataErased()
  return {
    ...(await sealPersonalFields(customerId, key, fields)),
    ...EMPTY_PLAINTEXT_COLUMNS,
  }
}
