import { isAbsolute, relative, resolve } from 'node:path'

/**
 * Data residency settings, parsed and checked from environment values
 * (config/residency.ts reads them; unit tests pass plain objects).
 *
 * Guarantees of a returned value (anything else throws, so the app refuses
 * to boot): at least one region; every code matches ^[a-z]{2,8}$ and is
 * listed once; the home and default regions are among them; every storage
 * path is absolute (relative settings resolve against the app root); no two
 * storage paths are the same or one inside the other, within a region or
 * across regions (a region's files never count or land in another's tree).
 * In production every region's four paths are set explicitly
 * (RESIDENCY_<REGION>_FILES, _BACKUPS, _BACKUPS_OFFSITE, _EXPORTS): a
 * shared RESIDENCY_STORAGE_ROOT is a development convenience only.
 */

export const REGION_CODE = /^[a-z]{2,8}$/

/** Where one region's data is written */
export interface RegionStorage {
  region: string
  /** Drive disk root for the region's customer files */
  files: string
  /** Backup repository 1 (local path; production may point repo2 at S3) */
  backups: string
  /** Backup repository 2: the off-site copy */
  backupsOffsite: string
  /** Where customers:export writes */
  exports: string
}

export interface ResidencySettings {
  regions: string[]
  /** The region the database (and so every database backup) lives in */
  homeRegion: string
  /** The region of a new customer when the form names none */
  defaultRegion: string
  storage: Record<string, RegionStorage>
}

/** The storage kinds of a region, with the suffix of their per-region variable and default folder */
export const STORAGE_KINDS = [
  { field: 'files', variable: 'FILES', folder: 'files' },
  { field: 'backups', variable: 'BACKUPS', folder: 'backups' },
  { field: 'backupsOffsite', variable: 'BACKUPS_OFFSITE', folder: 'backups-offsite' },
  { field: 'exports', variable: 'EXPORTS', folder: 'exports' },
] as const

export const DEFAULT_REGIONS = 'uk,eu'
export const DEFAULT_STORAGE_ROOT = 'storage/regions'

/** The per-region variable naming one storage path: RESIDENCY_UK_BACKUPS_OFFSITE */
export function regionVariable(region: string, kind: (typeof STORAGE_KINDS)[number]['variable']): string {
  return `RESIDENCY_${region.toUpperCase()}_${kind}`
}

export class ResidencyConfigurationError extends Error {
  constructor(message: string) {
    super(`Data residency configuration: ${message}`)
    this.name = 'ResidencyConfigurationError'
  }
}

/** True when `inner` is `outer` or inside it */
function within(outer: string, inner: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export function parseResidencySettings(
  read: (key: string) => string | undefined,
  options: { production: boolean; appRoot: string }
): ResidencySettings {
  const value = (key: string) => {
    const raw = read(key)
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim()
  }
  const listed = value('RESIDENCY_REGIONS')
  if (options.production && !listed) {
    throw new ResidencyConfigurationError('RESIDENCY_REGIONS must be set in production (e.g. "uk,eu")')
  }
  const regions = (listed ?? DEFAULT_REGIONS).split(',').map((code) => code.trim())
  if (regions.length === 0 || regions.every((code) => code === '')) {
    throw new ResidencyConfigurationError('RESIDENCY_REGIONS lists no region')
  }
  for (const code of regions) {
    if (!REGION_CODE.test(code)) {
      throw new ResidencyConfigurationError(`region code "${code}" in RESIDENCY_REGIONS must be 2 to 8 lowercase letters`)
    }
  }
  const duplicate = regions.find((code, i) => regions.indexOf(code) !== i)
  if (duplicate) throw new ResidencyConfigurationError(`region "${duplicate}" is listed twice in RESIDENCY_REGIONS`)

  const homeRegion = value('RESIDENCY_HOME_REGION') ?? regions[0]
  if (!regions.includes(homeRegion)) {
    throw new ResidencyConfigurationError(`RESIDENCY_HOME_REGION "${homeRegion}" is not one of RESIDENCY_REGIONS (${regions.join(', ')})`)
  }
  const defaultRegion = value('RESIDENCY_DEFAULT_REGION') ?? homeRegion
  if (!regions.includes(defaultRegion)) {
    throw new ResidencyConfigurationError(
      `RESIDENCY_DEFAULT_REGION "${defaultRegion}" is not one of RESIDENCY_REGIONS (${regions.join(', ')})`
    )
  }

  const root = resolve(options.appRoot, value('RESIDENCY_STORAGE_ROOT') ?? DEFAULT_STORAGE_ROOT)
  const storage: Record<string, RegionStorage> = {}
  const paths: Array<{ region: string; name: string; path: string }> = []
  for (const region of regions) {
    const entry: Record<string, string> = { region }
    for (const kind of STORAGE_KINDS) {
      const name = regionVariable(region, kind.variable)
      const explicit = value(name)
      if (options.production && !explicit) {
        throw new ResidencyConfigurationError(`${name} must be set in production (each region's storage is named explicitly)`)
      }
      const path = explicit ? resolve(options.appRoot, explicit) : resolve(root, region, kind.folder)
      entry[kind.field] = path
      paths.push({ region, name, path })
    }
    storage[region] = entry as unknown as RegionStorage
  }

  for (const [i, a] of paths.entries()) {
    for (const b of paths.slice(i + 1)) {
      if (!within(a.path, b.path) && !within(b.path, a.path)) continue
      const how = a.path === b.path ? 'is the same path as' : 'is nested with'
      const scope = a.region === b.region ? `within region "${a.region}"` : `across regions "${a.region}" and "${b.region}"`
      throw new ResidencyConfigurationError(`${a.name} (${a.path}) ${how} ${b.name} (${b.path}) ${scope}: every storage location must be separate`)
    }
  }
  return { regions, homeRegion, defaultRegion, storage }
}
