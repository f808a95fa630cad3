import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import DataKeyring from '#services/keys/data_keyring'
import { open, seal } from '#services/keys/sealing'
import { sniffDocumentMime } from '#domain/customers/customer_record'
import PersonalDataErasedException from '#exceptions/personal_data_erased_exception'

/**
 * Customers' documents at rest (KYC documents, loan documents): a file's
 * bytes are sealed under the customer's data key (AES-256-GCM,
 * #services/keys/sealing) before they reach a Drive disk, with associated
 * data naming the document (`kyc:<customer>:<document>`,
 * `loan-document:<loan>:<document>`), so a sealed file copied under another
 * key or document does not open.
 *
 * - A sealed file starts with the sealing version byte (1); a file stored
 *   before sealing is the document itself, which is always a PDF, PNG or
 *   JPEG (sniffed on upload): those never start with that byte. A legacy
 *   file still opens, as long as it is one of those types.
 * - Erasure destroys the customer's key: opening then throws
 *   PersonalDataErased (410, E_PERSONAL_DATA_ERASED), for sealed and
 *   legacy files alike (the erasure also covers what was never sealed).
 * - The whole file is held in memory while sealing or opening (documents
 *   are at most 10 MB; GCM authenticates only once the last byte is read,
 *   so nothing is streamed to a client before the tag is checked).
 */
const SEALED_VERSION = 1

type Client = QueryClientContract | TransactionClientContract

export function kycDocumentAad(customerId: number, documentId: string): string {
  return `kyc:${customerId}:${documentId}`
}

export function loanDocumentAad(loanId: number, documentId: string): string {
  return `loan-document:${loanId}:${documentId}`
}

/**
 * The sealed bytes of an uploaded file (its temporary path) and the sha256
 * of its plaintext; the customer's key is made on first use (in `region`).
 */
export async function sealDocumentFile(
  customerId: number,
  path: string,
  associatedData: string,
  region?: string
): Promise<{ contents: Buffer; sha256: string }> {
  const key = await customerKey(customerId, true, undefined, region)
  const plaintext = await readFile(path)
  return { contents: seal(key, plaintext, associatedData), sha256: createHash('sha256').update(plaintext).digest('hex') }
}

/** The document's original bytes from what is stored (sealed or legacy plaintext), as a stream */
export async function openDocumentFile(
  customerId: number,
  stored: Readable,
  associatedData: string,
  client?: Client
): Promise<Readable> {
  const key = await customerKey(customerId, false, client)
  const bytes = await collect(stored)
  if (bytes[0] === SEALED_VERSION) {
    if (!key) throw new PersonalDataErasedException()
    return Readable.from([open(key, bytes, associatedData)])
  }
  if (!sniffDocumentMime(bytes.subarray(0, 8))) throw new Error(`Stored document ${associatedData} is neither sealed nor a known document type`)
  return Readable.from([bytes])
}

/**
 * The customer's key; PersonalDataErased when it was destroyed. A customer
 * without a key yet (only legacy files) gets one only when `create`.
 */
async function customerKey(customerId: number, create: true, client?: Client, region?: string): Promise<Buffer>
async function customerKey(customerId: number, create: false, client?: Client): Promise<Buffer | null>
async function customerKey(customerId: number, create: boolean, client?: Client, region?: string): Promise<Buffer | null> {
  if (await isErased(customerId, client)) throw new PersonalDataErasedException()
  return DataKeyring.forCustomer(customerId, { create, client, region })
}

/** Whether the customer's key row exists with its key destroyed (no row: never sealed anything, not erased) */
async function isErased(customerId: number, client?: Client): Promise<boolean> {
  const key = await DataKeyring.forCustomer(customerId, { client })
  if (key) return false
  const row = await (client ?? db).from('customer_data_keys').where('customer_id', customerId).select('destroyed_at').first()
  return Boolean(row?.destroyed_at)
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks)
}
