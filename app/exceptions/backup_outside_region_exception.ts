import { DomainException } from '#exceptions/domain_exception'

/**
 * A backup, restore or drill whose storage is declared for (or lies under
 * the storage of) another residency region than the database's home
 * region: refused before anything is written, and audited
 * ('backup.residency.refused').
 */
export default class BackupOutsideRegionException extends DomainException {
  static status = 409
  static code = 'E_BACKUP_OUTSIDE_REGION'
  static title = 'Backup outside the home region'

  constructor(
    public homeRegion: string,
    public requestedRegion: string,
    public location: string | null
  ) {
    super(
      location
        ? `Refused: ${location} is storage of region "${requestedRegion}", but the database lives in region "${homeRegion}"; backups stay in their home region.`
        : `Refused: backups of the database in region "${homeRegion}" cannot be written to or read from region "${requestedRegion}".`
    )
  }
}
