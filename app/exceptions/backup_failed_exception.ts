import { DomainException } from '#exceptions/domain_exception'

/** pgbackrest, pg_dump, pg_restore or pg_ctl failed; the message carries the end of its output (no secrets: they go in its environment) */
export default class BackupFailedException extends DomainException {
  static status = 500
  static code = 'E_BACKUP_FAILED'
  static title = 'Backup tool failed'
}
