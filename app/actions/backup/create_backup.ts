import backupConfig from '#config/backup'
import AuditTrail from '#services/audit/audit_trail'
import { PgBackRest, type BackupType, repositories } from '#services/backup/pgbackrest'
import { createDump, pruneDumps } from '#services/backup/encrypted_dumps'
import { assertBackupResidency, BACKUP_ACTOR } from '#services/backup/backup_residency'
import { liveOwner, liveRecoveryPoint, serverVersion } from '#services/backup/live_database'
import { ToolFailedError } from '#services/backup/os_process'
import BackupFailedException from '#exceptions/backup_failed_exception'

export interface CreatedBackup {
  method: 'pgbackrest' | 'dump'
  /** pgBackRest labels per repository, or the dump's id */
  ids: string[]
  type: BackupType
  stanzaCreated: boolean
  durationMs: number
}

/**
 * `node ace backup:create`: pgBackRest (stanza-create on first use, then a
 * full/diff/incr backup into repo1 and, unless `repo` says otherwise, the
 * off-site repo2) or an encrypted dump (plus its off-site copy, then
 * retention). Audited as 'backup.created'.
 *
 * Throws: BackupOutsideRegionException (audited), BackupFailedException.
 */
export default class CreateBackup {
  async handle(input: { type?: BackupType; repo?: 1 | 2; region?: string } = {}): Promise<CreatedBackup> {
    await assertBackupResidency('backup', input.region)
    const started = Date.now()
    const type = input.type ?? 'full'
    let result: Omit<CreatedBackup, 'durationMs'>
    try {
      result = backupConfig.method === 'pgbackrest' ? await this.#pgbackrest(type, input.repo) : await this.#dump()
    } catch (error) {
      if (error instanceof ToolFailedError) throw new BackupFailedException(error.message)
      throw error
    }
    const created = { ...result, durationMs: Date.now() - started }
    await AuditTrail.record({
      actor: BACKUP_ACTOR,
      action: 'backup.created',
      subject: { type: 'backup', id: created.ids[0] },
      metadata: { method: created.method, type, ids: created.ids, region: backupConfig.region, duration_ms: created.durationMs },
    })
    return created
  }

  async #pgbackrest(type: BackupType, repo?: 1 | 2) {
    const pgbackrest = new PgBackRest()
    const stanzaCreated = await pgbackrest.ensureStanza()
    const repos = repo ? [repo] : repositories().map((name) => (name === 'repo1' ? 1 : 2) as 1 | 2)
    /* The first backup of a repository is always full (pgBackRest would say so and do it anyway) */
    for (const key of repos) await pgbackrest.backup(type, key)
    const info = await pgbackrest.info()
    const ids = repos.map((key) => info.backups.filter((b) => b.repo === key).at(-1)?.label ?? '?')
    return { method: 'pgbackrest' as const, ids, type, stanzaCreated }
  }

  async #dump() {
    const manifest = await createDump({
      source: liveOwner(),
      compression: backupConfig.dump.compression,
      dir: backupConfig.dump.dir,
      offsiteDir: backupConfig.dump.offsiteDir,
      region: backupConfig.region,
      serverVersion: await serverVersion(),
      recoveryPoint: (await liveRecoveryPoint()).at,
    })
    await pruneDumps(backupConfig.dump.dir, backupConfig.dump.retention)
    await pruneDumps(backupConfig.dump.offsiteDir, backupConfig.dump.retention)
    return { method: 'dump' as const, ids: [manifest.id], type: 'full' as const, stanzaCreated: false }
  }
}
