import { isAbsolute, relative, resolve, dirname } from 'node:path'
import backupConfig, { type BackupConfig } from '#config/backup'
import AuditTrail from '#services/audit/audit_trail'
import { homeRegion, regionCodes, regionStorage } from '#services/residency/regions'
import BackupOutsideRegionException from '#exceptions/backup_outside_region_exception'

/**
 * Residency of backups: the database lives in the home region, so do its
 * backups. Refused (BackupOutsideRegionException, and an audit row
 * 'backup.residency.refused' in the live database) when the region asked
 * for (--region, else BACKUP_REGION) is not the home region, or when a
 * configured backup location lies under another region's storage.
 */
export type BackupOperation = 'backup' | 'restore' | 'drill' | 'list'

export const BACKUP_ACTOR = { type: 'system', id: 'backup' } as const

export async function assertBackupResidency(operation: BackupOperation, requested?: string, config: BackupConfig = backupConfig) {
  const home = homeRegion()
  const region = requested ?? config.region
  let location: string | null = null
  let foreign = region !== home ? region : null
  if (!foreign) {
    for (const other of regionCodes().filter((code) => code !== home)) {
      const root = dirname(regionStorage(other).backups)
      const hit = backupLocations(config).find((path) => isUnder(path, root))
      if (hit) {
        foreign = other
        location = hit
        break
      }
    }
  }
  if (!foreign) return

  await AuditTrail.record({
    actor: BACKUP_ACTOR,
    action: 'backup.residency.refused',
    subject: { type: 'backup', id: operation },
    metadata: { operation, home_region: home, requested_region: foreign, location, method: config.method },
  })
  throw new BackupOutsideRegionException(home, foreign, location)
}

function backupLocations(config: BackupConfig): string[] {
  const pgb = config.pgbackrest
  if (config.method === 'dump') return [config.dump.dir, config.dump.offsiteDir]
  return [pgb.repo1.path, ...(pgb.repo2.type === 'posix' ? [pgb.repo2.path] : [])]
}

function isUnder(path: string, root: string) {
  const rel = relative(resolve(root), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}
