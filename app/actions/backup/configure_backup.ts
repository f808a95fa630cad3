import { chown, mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import backupConfig from '#config/backup'
import { PgBackRest, archiveCommand, serverEnvironment } from '#services/backup/pgbackrest'
import { assertBackupResidency } from '#services/backup/backup_residency'
import { ownerOf } from '#services/backup/os_process'
import BackupSetupRefusedException from '#exceptions/backup_setup_refused_exception'

/** Memory-backed directories: the only places the server's passphrase file may go */
const TMPFS = ['/run/', '/dev/shm/']

/**
 * `node ace backup:setup` on the database host: writes pgbackrest.conf,
 * creates the repositories and (first run) the wrapped passphrases, and
 * returns the postgresql.conf settings for WAL archiving. With
 * `serverEnvFile`, also writes the unwrapped passphrases as a systemd
 * EnvironmentFile for the PostgreSQL service (archive-push needs them),
 * mode 0600, owned by the cluster's owner, and only on a memory-backed
 * file system (/run, /dev/shm), so they never reach a disk; run it from the
 * service's ExecStartPre (docs/disaster-recovery.md).
 *
 * Throws: BackupOutsideRegionException (audited), BackupSetupRefusedException (a path not on tmpfs).
 */
export default class ConfigureBackup {
  async handle(input: { serverEnvFile?: string } = {}) {
    await assertBackupResidency('backup')
    const owner = await new PgBackRest().prepare()
    const environment = await serverEnvironment()
    if (input.serverEnvFile) {
      const path = resolve(input.serverEnvFile)
      if (!TMPFS.some((root) => path.startsWith(root))) {
        throw new BackupSetupRefusedException(`Refused: ${path} is not on a memory-backed file system (/run, /dev/shm).`)
      }
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      const lines = Object.entries(environment).map(([key, value]) => `${key}=${value}`)
      await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 })
      if (process.getuid?.() === 0) await chown(path, owner.uid, owner.gid)
    }
    const pgPath = backupConfig.pgbackrest.pgPath!
    return {
      configFile: backupConfig.pgbackrest.configFile,
      owner: await ownerOf(pgPath),
      settings: { archive_mode: 'on', archive_command: archiveCommand(), wal_level: 'replica' },
      environmentKeys: Object.keys(environment),
    }
  }
}
