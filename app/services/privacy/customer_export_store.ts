import { randomBytes } from 'node:crypto'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import DataKeyring from '#services/keys/data_keyring'
import { open, seal } from '#services/keys/sealing'
import { regionStorage } from '#services/residency/regions'
import CustomerExportNotFoundException from '#exceptions/customer_export_not_found_exception'
import PersonalDataErasedException from '#exceptions/personal_data_erased_exception'

/**
 * Where access-request exports live: in the customer's residency region's
 * export directory (regionStorage(region).exports), one folder per
 * customer, one file per export, `customer-<id>/<exportId>.json.sealed`.
 * A file is the export's JSON sealed under the customer's data key
 * (AES-256-GCM, associated data `customer-export:<id>:<exportId>`), so
 * destroying the key (erasure) makes every stored export unreadable too,
 * wherever copies of the file went (backups of the export directory).
 */
export const EXPORT_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/

export function exportAad(customerId: number, exportId: string): string {
  return `customer-export:${customerId}:${exportId}`
}

export function newExportId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}-${randomBytes(4).toString('hex')}`
}

export function customerExportDir(region: string, customerId: number, root = regionStorage(region).exports): string {
  return resolve(root, `customer-${customerId}`)
}

export function exportFilePath(dir: string, exportId: string): string {
  return join(dir, `${exportId}.json.sealed`)
}

/** True when `path` is `root` or inside it */
export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** Seals and writes one export; returns its path */
export async function writeSealedExport(input: { customerId: number; dir: string; exportId: string; json: string }) {
  const key = await DataKeyring.forCustomer(input.customerId)
  if (!key) throw new PersonalDataErasedException("This customer's personal data was erased; nothing can be exported under their key.")
  await mkdir(input.dir, { recursive: true, mode: 0o700 })
  const path = exportFilePath(input.dir, input.exportId)
  await writeFile(path, seal(key, input.json, exportAad(input.customerId, input.exportId)), { mode: 0o600, flag: 'wx' })
  return path
}

/** The plaintext JSON of a stored export; PersonalDataErased once the key is gone */
export async function readSealedExport(region: string, customerId: number, exportId: string): Promise<string> {
  if (!EXPORT_ID.test(exportId)) throw new CustomerExportNotFoundException()
  const path = exportFilePath(customerExportDir(region, customerId), exportId)
  const sealed = await readFile(path).catch(() => {
    throw new CustomerExportNotFoundException()
  })
  const key = await DataKeyring.forCustomer(customerId)
  if (!key) throw new PersonalDataErasedException("This customer's personal data was erased; the export can no longer be opened.")
  return open(key, sealed, exportAad(customerId, exportId)).toString('utf8')
}

export interface StoredExport {
  exportId: string
  createdAt: string
  size: number
}

/** The customer's stored exports, newest first */
export async function listStoredExports(region: string, customerId: number): Promise<StoredExport[]> {
  const dir = customerExportDir(region, customerId)
  const names = await readdir(dir).catch(() => [] as string[])
  const exports: StoredExport[] = []
  for (const name of names) {
    const exportId = name.replace(/\.json\.sealed$/, '')
    if (!EXPORT_ID.test(exportId) || !name.endsWith('.json.sealed')) continue
    const info = await stat(join(dir, name))
    exports.push({ exportId, createdAt: info.mtime.toISOString(), size: info.size })
  }
  return exports.sort((a, b) => b.exportId.localeCompare(a.exportId))
}

/** Erasure: the customer's stored exports are removed too (they are unreadable already) */
export async function removeStoredExports(region: string, customerId: number): Promise<void> {
  await rm(customerExportDir(region, customerId), { recursive: true, force: true })
}
