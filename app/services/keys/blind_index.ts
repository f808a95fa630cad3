import { createHmac } from 'node:crypto'
import DataKeyring from '#services/keys/data_keyring'

/**
 * Blind indexes (ARCHITECTURE §8): equality lookups on sealed fields
 * without decrypting every row. HMAC-SHA256 under the bank-wide
 * `blind_index` data key (wrapped by the key provider like every other
 * data key) over `<field>:<normalised value>`, base64url. The same value
 * gives the same index, so `where email_index = ?` finds a customer; the
 * index alone reveals nothing without the key.
 */
export type IndexedField = 'email' | 'national_id' | 'name'

export async function blindIndex(field: IndexedField, value: string): Promise<string> {
  const key = await DataKeyring.bankKey('blind_index')
  return createHmac('sha256', key).update(`${field}:${normalise(field, value)}`).digest('base64url')
}

/** Indexes of each word of a name (lowercase, accents removed), for a search by any whole word */
export async function nameIndexes(name: string): Promise<string[]> {
  const words = [...new Set(nameWords(name))]
  return Promise.all(words.map((word) => blindIndex('name', word)))
}

export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
}

export function normalise(field: IndexedField, value: string): string {
  switch (field) {
    case 'email':
      return value.trim().toLowerCase()
    case 'national_id':
      return value.replace(/[\s-]/g, '').toUpperCase()
    case 'name':
      return nameWords(value).join(' ')
  }
}
