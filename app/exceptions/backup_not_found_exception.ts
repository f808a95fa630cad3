import { DomainException } from '#exceptions/domain_exception'

/** No backup (or no backup with that id / before that time) to restore from */
export default class BackupNotFoundException extends DomainException {
  static status = 404
  static code = 'E_BACKUP_NOT_FOUND'
  static title = 'Backup not found'
}
