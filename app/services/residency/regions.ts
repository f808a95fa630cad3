import residencyConfig from '#config/residency'
import type { RegionStorage } from '#services/residency/residency_settings'

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
