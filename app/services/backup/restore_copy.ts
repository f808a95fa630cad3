import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import backupConfig from '#config/backup'
import { PgBackRest, serverEnvironment } from '#services/backup/pgbackrest'
import { RestoredCluster } from '#services/backup/restored_cluster'
import { type DumpManifest, listDumps, restoreDump, verifyDump } from '#services/backup/encrypted_dumps'
import { connect, liveOwner } from '#services/backup/live_database'
import type { DatabaseEndpoint } from '#services/database/database_location'
import BackupNotFoundException from '#exceptions/backup_not_found_exception'
import BackupRestoreRefusedException from '#exceptions/backup_restore_refused_exception'

/**
 * The two ways of making a copy, shared by backup:restore and backup:drill.
 *
 * pgBackRest: restore into a NEW data directory (never an existing one;
 * the live one only with `overwriteLive`, with --delta, the server
 * stopped), optionally to a point in time, from repo1 or repo2; with a
 * port, start it there (RestoredCluster: recovery, promotion).
 *
 * Dump: decrypt and authenticate the whole file first, then create the
 * NEW database and pg_restore into it (dropped again if that fails); over
 * the live database only with `overwriteLive` (pg_restore --clean, one
 * transaction).
 */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

export async function restorePgBackRestCopy(input: {
  pgPath: string
  to?: Date
  set?: string
  repo?: 1 | 2
  overwriteLive?: boolean
  port?: number
}): Promise<{ cluster: RestoredCluster | null }> {
  const live = backupConfig.pgbackrest.pgPath
  const isLive = !!live && samePath(input.pgPath, live)
  if (isLive && !input.overwriteLive) {
    throw new BackupRestoreRefusedException(
      `Refused: ${input.pgPath} is the live cluster's data directory; restore into a new directory, or pass --force-overwrite-live (stop the server first).`
    )
  }
  if (!isLive && existsSync(input.pgPath) && readdirSync(input.pgPath).length > 0) {
    throw new BackupRestoreRefusedException(`Refused: ${input.pgPath} exists and is not empty; restore into a new directory.`)
  }
  await new PgBackRest().restore({ pgPath: input.pgPath, to: input.to, set: input.set, repo: input.repo, force: isLive })
  if (input.port === undefined) return { cluster: null }
  return { cluster: await RestoredCluster.start(input.pgPath, await serverEnvironment(), input.port || undefined) }
}

/** The dump to restore: by id, else the newest at or before `to`, else the newest; from the dump directory or (repo 2) the off-site one */
export async function chooseDump(input: { id?: string; to?: Date; repo?: 1 | 2 }): Promise<{ dir: string; manifest: DumpManifest }> {
  const dir = input.repo === 2 ? backupConfig.dump.offsiteDir : backupConfig.dump.dir
  const dumps = await listDumps(dir)
  const manifest = input.id
    ? dumps.find((dump) => dump.id === input.id)
    : dumps.find((dump) => !input.to || new Date(dump.createdAt) <= input.to)
  if (!manifest) {
    throw new BackupNotFoundException(
      input.id ? `No dump "${input.id}" in ${dir}.` : `No dump in ${dir}${input.to ? ` taken at or before ${input.to.toISOString()}` : ''}.`
    )
  }
  return { dir, manifest }
}

export async function restoreDumpCopy(input: {
  database: string
  id?: string
  to?: Date
  repo?: 1 | 2
  overwriteLive?: boolean
}): Promise<{ target: DatabaseEndpoint; manifest: DumpManifest }> {
  const owner = liveOwner()
  const isLive = input.database === owner.database
  if (isLive && !input.overwriteLive) {
    throw new BackupRestoreRefusedException(
      `Refused: "${input.database}" is the live database; restore into a new database, or pass --force-overwrite-live.`
    )
  }
  if (!DATABASE_NAME.test(input.database)) {
    throw new BackupRestoreRefusedException(`"${input.database}" is not a valid database name (lower case letters, digits, _).`)
  }
  const { dir, manifest } = await chooseDump(input)
  await verifyDump(dir, manifest)
  const target = { ...owner, database: input.database }
  if (isLive) {
    await restoreDump(dir, manifest, target, true)
    return { target, manifest }
  }

  const admin = await connect({ ...owner, database: 'postgres' })
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [input.database])
    if (rowCount) throw new BackupRestoreRefusedException(`Refused: the database "${input.database}" exists; restore into a new database.`)
    await admin.query(`create database "${input.database}"`)
    try {
      await restoreDump(dir, manifest, target)
    } catch (error) {
      await admin.query(`drop database if exists "${input.database}" with (force)`)
      throw error
    }
  } finally {
    await admin.end()
  }
  return { target, manifest }
}

export async function dropCopyDatabase(database: string) {
  if (database === liveOwner().database) throw new Error('never drops the live database')
  const admin = await connect({ ...liveOwner(), database: 'postgres' })
  try {
    await admin.query(`drop database if exists "${database}" with (force)`)
  } finally {
    await admin.end()
  }
}

function samePath(a: string, b: string) {
  return resolve(a).replace(/\/+$/, '') === resolve(b).replace(/\/+$/, '')
}
