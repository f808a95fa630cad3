import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { parseResidencySettings, type ResidencySettings } from '#services/residency/residency_settings'

/**
 * Data residency (app/services/residency/). Read on use, so a test's
 * environment applies; checked once here at boot, so a bad value refuses
 * to start (rules: #services/residency/residency_settings).
 *
 * - RESIDENCY_REGIONS: region codes, comma-separated (default "uk,eu";
 *   required in production).
 * - RESIDENCY_HOME_REGION: where the database and its backups live
 *   (default: the first region).
 * - RESIDENCY_DEFAULT_REGION: the region of a new customer when the form
 *   names none (default: the home region).
 * - RESIDENCY_STORAGE_ROOT: development/test only: each region's storage is
 *   <root>/<region>/{files,backups,backups-offsite,exports} unless set one
 *   by one (default storage/regions).
 * - RESIDENCY_<REGION>_FILES, _BACKUPS, _BACKUPS_OFFSITE, _EXPORTS: one
 *   region's storage paths (all four required in production; relative
 *   paths resolve against the app root).
 */
const read = (key: string): string | undefined => {
  const value = env.get(key as 'RESIDENCY_REGIONS')
  return value === undefined || value === null ? undefined : String(value)
}

const residencyConfig = {
  get settings(): ResidencySettings {
    return parseResidencySettings(read, { production: env.get('NODE_ENV') === 'production', appRoot: app.appRoot.pathname })
  },
}

/* refuse to boot on a bad configuration */
void residencyConfig.settings

export default residencyConfig
