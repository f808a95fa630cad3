import residencyConfig from '#config/residency'
import { regionVariable, STORAGE_KINDS, type RegionStorage } from '#services/residency/residency_settings'

export type { RegionStorage } from '#services/residency/residency_settings'

/**
 * Data residency regions: the API the rest of the app uses (config and
 * its checks: config/residency.ts, #services/residency/residency_settings).
 *
 * Every customer has a residency region (customers.residency_region). Each
 * region has its own storage locations: files (Drive disk root), backups
 * (pgBackRest repo1 / encrypted dumps), an off-site backup copy (repo2)
 * and exports. The database itself lives in the home region.
 * Values are read on each call (a test's environment applies).
 */
export function regionCodes(): string[] {
  return residencyConfig.settings.regions
}

/** The region the database (and so every database backup) lives in */
export function homeRegion(): string {
  return residencyConfig.settings.homeRegion
}

/** The region of a new customer when none is chosen */
export function defaultRegion(): string {
  return residencyConfig.settings.defaultRegion
}

export function isConfiguredRegion(region: string | null | undefined): region is string {
  return typeof region === 'string' && regionCodes().includes(region)
}

/** Throws for a region that is not configured */
export function regionStorage(region: string): RegionStorage {
  const { storage } = residencyConfig.settings
  if (!Object.hasOwn(storage, region)) throw new Error(`Unknown residency region "${region}"`)
  return storage[region]
}

/** Every configured region's storage, in RESIDENCY_REGIONS order */
export function allRegionStorage(): RegionStorage[] {
  const settings = residencyConfig.settings
  return settings.regions.map((region) => settings.storage[region])
}

/**
 * The settings in effect as explicit variables (RESIDENCY_REGIONS, the home
 * and default region, every RESIDENCY_<REGION>_* path): what a child
 * process started in production mode needs to use the same storage.
 */
export function explicitResidencyEnv(): Record<string, string> {
  const settings = residencyConfig.settings
  const variables: Record<string, string> = {
    RESIDENCY_REGIONS: settings.regions.join(','),
    RESIDENCY_HOME_REGION: settings.homeRegion,
    RESIDENCY_DEFAULT_REGION: settings.defaultRegion,
  }
  for (const region of settings.regions) {
    for (const kind of STORAGE_KINDS) variables[regionVariable(region, kind.variable)] = settings.storage[region][kind.field]
  }
  return variables
}
