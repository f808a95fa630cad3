import { DomainException } from '#exceptions/domain_exception'

/**
 * backup:restore restores into a NEW database or data directory: over the
 * live database only with --force-overwrite-live, never over another
 * existing one.
 */
export default class BackupRestoreRefusedException extends DomainException {
  static status = 409
  static code = 'E_BACKUP_RESTORE_REFUSED'
  static title = 'Restore refused'
}
