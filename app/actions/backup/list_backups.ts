import backupConfig from '#config/backup'
import { PgBackRest } from '#services/backup/pgbackrest'
import { listDumps } from '#services/backup/encrypted_dumps'

export interface BackupListing {
  method: 'pgbackrest' | 'dump'
  region: string
  backups: Array<{
    id: string
    type: string
    /** 1 = repo1 / the dump directory, 2 = repo2 / the off-site directory */
    repo: number
    startedAt: string
    stoppedAt: string
    sizeBytes: number
  }>
  /** pgBackRest: the cipher of each repository, and the archived WAL range (point-in-time recovery window) */
  ciphers: Record<number, string>
  archive: Array<{ repo: number; min: string | null; max: string | null }>
  status: string
}

/** `node ace backup:list`: the backups in every repository of the configured method, oldest first */
export default class ListBackups {
  async handle(): Promise<BackupListing> {
    if (backupConfig.method === 'pgbackrest') {
      const info = await new PgBackRest().info()
      return {
        method: 'pgbackrest',
        region: backupConfig.region,
        status: info.status,
        ciphers: info.ciphers,
        archive: info.archive,
        backups: info.backups.map((backup) => ({
          id: backup.label,
          type: backup.type,
          repo: backup.repo,
          startedAt: backup.startedAt.toISOString(),
          stoppedAt: backup.stoppedAt.toISOString(),
          sizeBytes: backup.repoSizeBytes,
        })),
      }
    }
    const locations = [backupConfig.dump.dir, backupConfig.dump.offsiteDir]
    const backups = []
    for (const [index, dir] of locations.entries()) {
      for (const manifest of (await listDumps(dir)).reverse()) {
        backups.push({
          id: manifest.id,
          type: 'dump',
          repo: index + 1,
          startedAt: manifest.createdAt,
          stoppedAt: manifest.createdAt,
          sizeBytes: manifest.sizeBytes,
        })
      }
    }
    return { method: 'dump', region: backupConfig.region, status: 'ok', ciphers: { 1: 'aes-256-gcm', 2: 'aes-256-gcm' }, archive: [], backups }
  }
}
