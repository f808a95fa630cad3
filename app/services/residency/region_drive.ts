import type { Readable } from 'node:stream'
import { Disk } from '@adonisjs/drive'
import { FSDriver } from '@adonisjs/drive/drivers/fs'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Actor, RequestContext } from '#domain/audit/actor'
import AuditTrail from '#services/audit/audit_trail'
import { isConfiguredRegion, regionStorage } from '#services/residency/regions'
import ResidencyViolationException from '#exceptions/residency_violation_exception'

/**
 * Customer files by residency region. Each configured region has its own
 * Drive disk (flydrive FSDriver, private) rooted at
 * regionStorage(region).files; a customer's files are written only to the
 * disk of the customer's region. Files stored before regions existed stay
 * readable from the legacy "fs" disk (config/drive.ts, storage/drive).
 *
 * assertSameRegion() is the one check: when the target region is not the
 * customer's (or either is not configured here) it writes the audit row
 * 'residency.refused' on its own connection (the refusal is evidence that
 * must survive the caller's rollback) and throws ResidencyViolation (409,
 * E_RESIDENCY_VIOLATION). Nothing is written before the check passed.
 */

const disks = new Map<string, Disk>()

/** The Drive disk of a configured region (one instance per root path) */
export function regionDisk(region: string): Disk {
  const location = regionStorage(region).files
  let disk = disks.get(location)
  if (!disk) {
    disk = new Disk(new FSDriver({ location, visibility: 'private' }))
    disks.set(location, disk)
  }
  return disk
}

/** The single disk of files stored before residency regions (read fallback only) */
export function legacyDisk(): Disk {
  return drive.use('fs')
}

/** customers.residency_region of one customer (E_ROW_NOT_FOUND when there is none) */
export async function customerRegion(customerId: number, client?: QueryClientContract): Promise<string> {
  const row = await (client ?? db.connection()).from('customers').where('id', customerId).select('residency_region').firstOrFail()
  return row.residency_region
}

export interface ResidencyCheck {
  customerRegion: string
  targetRegion: string
  /** what was attempted: 'customer.file.write', 'customer.region.change' ... */
  operation: string
  actor: Actor
  context: RequestContext
  /** whose data: usually { type: 'customer', id } */
  subject?: { type: string; id: string | number } | null
  metadata?: Record<string, unknown>
}

export async function assertSameRegion(check: ResidencyCheck): Promise<void> {
  const configured = isConfiguredRegion(check.customerRegion) && isConfiguredRegion(check.targetRegion)
  if (configured && check.customerRegion === check.targetRegion) return
  await AuditTrail.record({
    actor: check.actor,
    action: 'residency.refused',
    subject: check.subject ?? null,
    metadata: {
      ...check.metadata,
      operation: check.operation,
      customerRegion: check.customerRegion,
      targetRegion: check.targetRegion,
      ...(configured ? {} : { reason: 'region not configured' }),
    },
    ...check.context,
  })
  const exception = new ResidencyViolationException()
  exception.extensions = { customerRegion: check.customerRegion, targetRegion: check.targetRegion }
  throw exception
}

/**
 * Writes one file of a customer to a region's disk (default: the
 * customer's own) after assertSameRegion. `file`: an upload, moved from its
 * temporary path; `contents`: bytes.
 */
export async function storeCustomerFile(input: {
  customerId: number
  customerRegion: string
  targetRegion?: string
  key: string
  file?: MultipartFile
  contents?: Uint8Array
  actor: Actor
  context: RequestContext
}): Promise<void> {
  const targetRegion = input.targetRegion ?? input.customerRegion
  await assertSameRegion({
    customerRegion: input.customerRegion,
    targetRegion,
    operation: 'customer.file.write',
    actor: input.actor,
    context: input.context,
    subject: { type: 'customer', id: input.customerId },
    metadata: { key: input.key },
  })
  const disk = regionDisk(targetRegion)
  if (input.file) {
    await disk.moveFromFs(input.file.tmpPath!, input.key)
    input.file.markAsMoved(input.key, input.key)
  } else if (input.contents) {
    await disk.put(input.key, input.contents)
  } else {
    throw new Error('storeCustomerFile needs a file or contents')
  }
}

/** Reads a customer's file from the region's disk, else from the legacy disk (files stored before regions) */
export async function openCustomerFile(region: string, key: string): Promise<Readable> {
  const disk = regionDisk(region)
  if (await disk.exists(key)) return disk.getStream(key)
  if (await legacyDisk().exists(key)) return legacyDisk().getStream(key)
  return disk.getStream(key)
}

/** Removes a file from the region's disk (an upload whose transaction failed); never throws */
export async function discardCustomerFile(region: string, key: string): Promise<void> {
  await regionDisk(region).delete(key).catch(() => {})
}
