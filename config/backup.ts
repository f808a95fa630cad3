import { isAbsolute, join } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { databaseLocation } from '#config/database'
import { homeRegion, regionStorage } from '#services/residency/regions'

/**
 * Backups (docs/disaster-recovery.md). Two methods:
 * - `pgbackrest` (a real PostgreSQL): full/diff/incremental backups plus
 *   continuous WAL archiving (point-in-time recovery), two encrypted
 *   repositories (repo1 local, repo2 the off-site copy: a second path or an
 *   S3-compatible bucket), retention. The project generates pgbackrest.conf.
 * - `dump` (the embedded development database): `pg_dump -Fc`, encrypted
 *   with a per-backup data key from the key provider.
 *
 * Residency: every location defaults to the home region's storage
 * (#services/residency/regions). BACKUP_REGION declares the region the
 * configured storage is in; a backup or restore whose storage is declared
 * for (or lies under) another region's storage is refused and audited.
 */
const path = (value: string | undefined, fallback: string) => {
  const chosen = value && value.trim() !== '' ? value : fallback
  return isAbsolute(chosen) ? chosen : app.makePath(chosen)
}

const region = env.get('BACKUP_REGION') || homeRegion()
/** Storage of the declared region; an unknown region falls back to the home one (the residency guard refuses it anyway) */
const storage = regionStorage(region === homeRegion() ? region : homeRegion())

const repo2Type = env.get('PGBACKREST_REPO2_TYPE', 'posix') as 'posix' | 's3' | 'none'

const backupConfig = {
  method: (env.get('BACKUP_METHOD') ?? (databaseLocation.embedded ? 'dump' : 'pgbackrest')) as 'pgbackrest' | 'dump',
  /** The region the configured backup storage is declared in (default: the database's home region) */
  region,
  /** Repository passphrases, each wrapped by the key provider (never stored in plaintext) */
  cipherFile: path(env.get('BACKUP_CIPHER_FILE'), 'storage/backup/pgbackrest-cipher.json'),
  /** Directory of pg_dump, pg_restore, pg_ctl (default: the newest /usr/lib/postgresql/N/bin, else PATH) */
  pgBinDir: env.get('BACKUP_PG_BIN_DIR'),
  /** Where drills put their scratch cluster or database files */
  drillDir: env.get('BACKUP_DRILL_DIR'),
  dump: {
    dir: path(env.get('BACKUP_DUMP_PATH'), join(storage.backups, 'dumps')),
    offsiteDir: path(env.get('BACKUP_DUMP_OFFSITE_PATH'), join(storage.backupsOffsite, 'dumps')),
    /** Encrypted dumps kept per location; older ones are deleted after a successful backup */
    retention: env.get('BACKUP_DUMP_RETENTION', 7),
    /** pg_dump -Z level (0-9); encryption does not depend on it */
    compression: env.get('BACKUP_DUMP_COMPRESSION', 6),
  },
  pgbackrest: {
    bin: env.get('PGBACKREST_BIN', 'pgbackrest'),
    stanza: env.get('PGBACKREST_STANZA', 'strongroom'),
    /** The generated configuration (no secrets in it) */
    configFile: path(env.get('PGBACKREST_CONFIG'), 'storage/backup/pgbackrest.conf'),
    /** The database cluster: its data directory on this host, and how pgBackRest reaches it */
    pgPath: env.get('PGBACKREST_PG_PATH'),
    pgPort: env.get('PGBACKREST_PG_PORT') ?? databaseLocation.owner.port,
    pgSocketPath: env.get('PGBACKREST_PG_SOCKET_PATH'),
    pgUser: env.get('PGBACKREST_PG_USER', 'postgres'),
    processMax: env.get('PGBACKREST_PROCESS_MAX', 2),
    compressType: env.get('PGBACKREST_COMPRESS_TYPE', 'gz') as 'gz' | 'lz4' | 'zst' | 'bz2' | 'none',
    repo1: {
      path: path(env.get('PGBACKREST_REPO1_PATH'), join(storage.backups, 'pgbackrest')),
      retentionFull: env.get('PGBACKREST_REPO1_RETENTION_FULL', 2),
      retentionDiff: env.get('PGBACKREST_REPO1_RETENTION_DIFF'),
    },
    repo2: {
      type: repo2Type,
      /** posix: a directory; s3: the path inside the bucket */
      path:
        repo2Type === 's3'
          ? env.get('PGBACKREST_REPO2_PATH', '/strongroom')
          : path(env.get('PGBACKREST_REPO2_PATH'), join(storage.backupsOffsite, 'pgbackrest')),
      retentionFull: env.get('PGBACKREST_REPO2_RETENTION_FULL', 4),
      s3: {
        bucket: env.get('PGBACKREST_REPO2_S3_BUCKET'),
        endpoint: env.get('PGBACKREST_REPO2_S3_ENDPOINT'),
        region: env.get('PGBACKREST_REPO2_S3_REGION'),
        uriStyle: env.get('PGBACKREST_REPO2_S3_URI_STYLE', 'host') as 'host' | 'path',
        key: env.get('PGBACKREST_REPO2_S3_KEY'),
        keySecret: env.get('PGBACKREST_REPO2_S3_KEY_SECRET')?.release(),
      },
    },
  },
}

export type BackupConfig = typeof backupConfig
export default backupConfig
