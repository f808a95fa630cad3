import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { keyProvider } from '#services/keys/key_providers'
import type { KeyProviderName } from '#services/keys/key_provider'
import type { DatabaseEndpoint } from '#services/database/database_location'
import { pgBinary, runTool } from '#services/backup/os_process'
import { DecryptStream, EncryptStream } from '#services/backup/encrypted_stream'

/**
 * Encrypted logical backups (the `dump` method, for the embedded
 * development database): `pg_dump -Fc` streamed through AES-256-GCM
 * (encrypted_stream.ts) under a data key generated for this backup by the
 * key provider (`{ purpose: 'backup', backup: <id> }`), into
 * `<id>.dump.enc`; `<id>.manifest.json` beside it holds the wrapped key,
 * the sha256 of the encrypted file and what was backed up. A copy of both
 * goes to the off-site directory. No plaintext dump is ever on disk.
 */
export const DUMP_MANIFEST_FORMAT = 'strongroom-dump/v1'

export interface DumpManifest {
  format: typeof DUMP_MANIFEST_FORMAT
  id: string
  createdAt: string
  database: string
  region: string
  serverVersion: string
  file: string
  sizeBytes: number
  sha256: string
  /** The latest audit event in the dump: its recovery point */
  recoveryPoint: string | null
  key: { provider: KeyProviderName; masterKeyId: string; wrapped: string }
}

export const dumpContext = (id: string) => ({ purpose: 'backup', backup: id })

const pgEnv = (endpoint: DatabaseEndpoint) => ({ PGPASSWORD: endpoint.password, PGCONNECT_TIMEOUT: '10' })
const connectionArgs = (endpoint: DatabaseEndpoint) => ['-h', endpoint.host, '-p', String(endpoint.port), '-U', endpoint.user]

export function newBackupId(now = new Date()) {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`
}

export async function createDump(input: {
  source: DatabaseEndpoint
  compression: number
  dir: string
  offsiteDir?: string
  region: string
  serverVersion: string
  recoveryPoint: string | null
}): Promise<DumpManifest> {
  const id = newBackupId()
  const provider = await keyProvider()
  const dataKey = await provider.generateDataKey(dumpContext(id))
  await mkdir(input.dir, { recursive: true, mode: 0o700 })
  const file = `${id}.dump.enc`
  const partial = join(input.dir, `${file}.partial`)

  const hash = createHash('sha256')
  const encrypted = new EncryptStream(dataKey.plaintext, id)
  const output = createWriteStream(partial, { mode: 0o600 })
  const plain = new PassThrough()
  const hashing = new PassThrough()
  hashing.on('data', (chunk) => hash.update(chunk))
  try {
    await Promise.all([
      runTool(pgBinary('pg_dump'), ['-Fc', '-Z', String(input.compression), ...connectionArgs(input.source), '-d', input.source.database], {
        env: pgEnv(input.source),
        stdout: plain,
      }).finally(() => plain.end()),
      pipeline(plain, encrypted, hashing, output),
    ])
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  } finally {
    dataKey.plaintext.fill(0)
  }
  await rename(partial, join(input.dir, file))

  const manifest: DumpManifest = {
    format: DUMP_MANIFEST_FORMAT,
    id,
    createdAt: new Date().toISOString(),
    database: input.source.database,
    region: input.region,
    serverVersion: input.serverVersion,
    file,
    sizeBytes: (await stat(join(input.dir, file))).size,
    sha256: hash.digest('hex'),
    recoveryPoint: input.recoveryPoint,
    key: {
      provider: dataKey.wrapped.provider,
      masterKeyId: dataKey.wrapped.masterKeyId,
      wrapped: dataKey.wrapped.wrapped.toString('base64'),
    },
  }
  await writeFile(join(input.dir, `${id}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
  if (input.offsiteDir) {
    await mkdir(input.offsiteDir, { recursive: true, mode: 0o700 })
    await copyFile(join(input.dir, file), join(input.offsiteDir, file))
    await copyFile(join(input.dir, `${id}.manifest.json`), join(input.offsiteDir, `${id}.manifest.json`))
  }
  return manifest
}

/** The manifests in `dir`, newest first */
export async function listDumps(dir: string): Promise<DumpManifest[]> {
  if (!existsSync(dir)) return []
  const names = (await readdir(dir)).filter((name) => name.endsWith('.manifest.json'))
  const manifests = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as DumpManifest))
  return manifests.filter((m) => m.format === DUMP_MANIFEST_FORMAT).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
}

async function dataKeyOf(manifest: DumpManifest): Promise<Buffer> {
  const provider = await keyProvider()
  return provider.unwrap(
    { provider: manifest.key.provider, masterKeyId: manifest.key.masterKeyId, wrapped: Buffer.from(manifest.key.wrapped, 'base64') },
    dumpContext(manifest.id)
  )
}

/** Decrypts the whole file without writing it anywhere: throws DumpDecryptionError when any byte was altered */
export async function verifyDump(dir: string, manifest: DumpManifest): Promise<void> {
  const key = await dataKeyOf(manifest)
  try {
    await pipeline(createReadStream(join(dir, manifest.file)), new DecryptStream(key, manifest.id), new Writable({ write: (_c, _e, done) => done() }))
  } finally {
    key.fill(0)
  }
}

/** Decrypts the dump into pg_restore on `target` (an existing, empty database; `clean`: over an existing one) */
export async function restoreDump(dir: string, manifest: DumpManifest, target: DatabaseEndpoint, clean = false): Promise<void> {
  const key = await dataKeyOf(manifest)
  const decrypted = new DecryptStream(key, manifest.id)
  const input = createReadStream(join(dir, manifest.file))
  input.pipe(decrypted)
  input.on('error', (error) => decrypted.destroy(error))
  try {
    await runTool(
      pgBinary('pg_restore'),
      [...connectionArgs(target), '-d', target.database, '--exit-on-error', '--single-transaction', ...(clean ? ['--clean', '--if-exists'] : [])],
      { env: pgEnv(target), stdin: decrypted }
    )
  } finally {
    key.fill(0)
  }
}

/** Deletes all but the `keep` newest dumps in `dir` */
export async function pruneDumps(dir: string, keep: number): Promise<string[]> {
  const old = (await listDumps(dir)).slice(Math.max(1, keep))
  for (const manifest of old) {
    await rm(join(dir, manifest.file), { force: true })
    await rm(join(dir, `${manifest.id}.manifest.json`), { force: true })
  }
  return old.map((m) => m.id)
}
