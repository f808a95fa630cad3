import { DomainException } from '#exceptions/domain_exception'

/** backup:setup writes the server's passphrases only to a memory-backed file system (/run, /dev/shm) */
export default class BackupSetupRefusedException extends DomainException {
  static status = 422
  static code = 'E_BACKUP_SETUP_REFUSED'
  static title = 'Backup setup refused'
}
