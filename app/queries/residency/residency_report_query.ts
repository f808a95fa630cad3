import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { allRegionStorage, defaultRegion, homeRegion, regionCodes } from '#services/residency/regions'

/**
 * Where each residency region's data is (`node ace residency:report`):
 * per configured region its customers, the master keys wrapping their
 * data keys, the files on its disk (count, bytes), its backup
 * repositories and exports folder; the legacy disk of
 * files stored before regions existed; and the anomalies:
 * - `misplaced_file`: a file on one region's disk that belongs to a
 *   customer of another region (the owner comes from the key:
 *   kyc/<customer>/…, loans/<loan>/… → the borrower; older flat KYC keys
 *   from the unsealed customers.kyc_documents);
 * - `unconfigured_region`: customers whose region this installation has
 *   no storage for.
 * Files whose owner is unknown (a key of another shape, a customer or
 * loan that no longer exists) are counted as `unreferenced`, not
 * anomalies. Read-only.
 */

export interface FolderUsage {
  path: string
  exists: boolean
  files: number
  bytes: number
}

export interface RegionReport {
  region: string
  home: boolean
  default: boolean
  customers: number
  /** the master keys wrapping this region's customers' data keys (live keys only), with how many each */
  masterKeys: Array<{ provider: string; masterKeyId: string; customers: number }>
  files: FolderUsage & { unreferenced: number }
  backups: { repo1: FolderUsage; repo2: FolderUsage }
  exports: FolderUsage
}

export type ResidencyAnomaly =
  | { kind: 'misplaced_file'; diskRegion: string; key: string; customerId: number; customerRegion: string }
  | { kind: 'unconfigured_region'; region: string; customers: number }

export interface ResidencyReport {
  generatedAt: string
  regions: RegionReport[]
  legacy: FolderUsage
  anomalies: ResidencyAnomaly[]
  ok: boolean
}

/** Files under a folder: relative keys ('/'-separated) and sizes; a missing folder is empty */
async function filesUnder(root: string): Promise<{ exists: boolean; files: Array<{ key: string; bytes: number }> }> {
  let entries
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true })
  } catch (error: any) {
    if (error?.code === 'ENOENT') return { exists: false, files: [] }
    throw error
  }
  const files = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.push({ key: relative(root, path).split(sep).join('/'), bytes: (await stat(path)).size })
  }
  return { exists: true, files }
}

async function usage(path: string): Promise<FolderUsage> {
  const { exists, files } = await filesUnder(path)
  return { path, exists, files: files.length, bytes: files.reduce((sum, f) => sum + f.bytes, 0) }
}

const CHUNK = 1000

/**
 * The customer a file key belongs to, from its path: kyc/<customer>/<document>,
 * loans/<loan>/<document>; null for keys of neither shape (legacy flat
 * kyc/<document> keys are matched against unsealed kyc_documents).
 */
export function ownerOfKey(key: string): { customerId: number } | { loanId: number } | { legacyKyc: string } | null {
  const kyc = /^kyc\/(\d{1,18})\/[^/]+$/.exec(key)
  if (kyc) return { customerId: Number(kyc[1]) }
  const loan = /^loans\/(\d{1,18})\/[^/]+$/.exec(key)
  if (loan) return { loanId: Number(loan[1]) }
  if (/^kyc\/[^/]+$/.test(key)) return { legacyKyc: key }
  return null
}

/** Owner (customer id, region) of each file key, where the key or a row names one */
async function ownersOf(keys: string[]): Promise<Map<string, { customerId: number; region: string }>> {
  const owners = new Map<string, { customerId: number; region: string }>()
  const byCustomer = new Map<number, string[]>()
  const byLoan = new Map<number, string[]>()
  const legacy: string[] = []
  for (const key of keys) {
    const owner = ownerOfKey(key)
    if (!owner) continue
    if ('customerId' in owner) byCustomer.set(owner.customerId, [...(byCustomer.get(owner.customerId) ?? []), key])
    else if ('loanId' in owner) byLoan.set(owner.loanId, [...(byLoan.get(owner.loanId) ?? []), key])
    else legacy.push(key)
  }
  const customerIds = [...byCustomer.keys()]
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const { rows } = await db.rawQuery('select id, residency_region from customers where id = any(?)', [customerIds.slice(i, i + CHUNK)])
    for (const row of rows) {
      for (const key of byCustomer.get(Number(row.id)) ?? []) owners.set(key, { customerId: Number(row.id), region: row.residency_region })
    }
  }
  const loanIds = [...byLoan.keys()]
  for (let i = 0; i < loanIds.length; i += CHUNK) {
    const { rows } = await db.rawQuery(
      'select l.id, l.customer_id, c.residency_region from loans l join customers c on c.id = l.customer_id where l.id = any(?)',
      [loanIds.slice(i, i + CHUNK)]
    )
    for (const row of rows) {
      for (const key of byLoan.get(Number(row.id)) ?? []) owners.set(key, { customerId: Number(row.customer_id), region: row.residency_region })
    }
  }
  for (let i = 0; i < legacy.length; i += CHUNK) {
    const { rows } = await db.rawQuery(
      `select c.id, c.residency_region, d.doc ->> 'key' as key
         from customers c cross join lateral jsonb_array_elements(c.kyc_documents) as d(doc)
        where d.doc ->> 'key' = any(?)`,
      [legacy.slice(i, i + CHUNK)]
    )
    for (const row of rows) owners.set(row.key, { customerId: Number(row.id), region: row.residency_region })
  }
  return owners
}

export default class ResidencyReportQuery {
  async run(): Promise<ResidencyReport> {
    const configured = regionCodes()
    const counts = new Map<string, number>()
    const { rows } = await db.rawQuery('select residency_region as region, count(*)::int as n from customers group by 1 order by 1')
    for (const row of rows) counts.set(row.region, Number(row.n))

    const masterKeys = new Map<string, RegionReport['masterKeys']>()
    const keyRows = await db.rawQuery(
      `select c.residency_region as region, k.provider, k.master_key_id, count(*)::int as n
         from customer_data_keys k join customers c on c.id = k.customer_id
        where k.wrapped_key is not null group by 1, 2, 3 order by 1, 2, 3`
    )
    for (const row of keyRows.rows) {
      masterKeys.set(row.region, [...(masterKeys.get(row.region) ?? []), { provider: row.provider, masterKeyId: row.master_key_id, customers: Number(row.n) }])
    }

    const anomalies: ResidencyAnomaly[] = []
    for (const [region, customers] of counts) {
      if (!configured.includes(region)) anomalies.push({ kind: 'unconfigured_region', region, customers })
    }

    const regions: RegionReport[] = []
    for (const storage of allRegionStorage()) {
      const { exists, files } = await filesUnder(storage.files)
      const owners = await ownersOf(files.map((f) => f.key))
      let unreferenced = 0
      for (const file of files) {
        const owner = owners.get(file.key)
        if (!owner) unreferenced++
        else if (owner.region !== storage.region) {
          anomalies.push({ kind: 'misplaced_file', diskRegion: storage.region, key: file.key, customerId: owner.customerId, customerRegion: owner.region })
        }
      }
      regions.push({
        region: storage.region,
        home: storage.region === homeRegion(),
        default: storage.region === defaultRegion(),
        customers: counts.get(storage.region) ?? 0,
        masterKeys: masterKeys.get(storage.region) ?? [],
        files: { path: storage.files, exists, files: files.length, bytes: files.reduce((sum, f) => sum + f.bytes, 0), unreferenced },
        backups: { repo1: await usage(storage.backups), repo2: await usage(storage.backupsOffsite) },
        exports: await usage(storage.exports),
      })
    }
    /* config/drive.ts's "fs" disk: files stored before residency regions (read as a fallback) */
    const legacy = await usage(app.makePath('storage/drive'))
    return { generatedAt: new Date().toISOString(), regions, legacy, anomalies, ok: anomalies.length === 0 }
  }
}
