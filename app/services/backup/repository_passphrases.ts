import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { keyProvider } from '#services/keys/key_providers'
import type { KeyProviderName, WrappedKey } from '#services/keys/key_provider'

/**
 * The pgBackRest repositories' cipher passphrases (repo1-cipher-pass,
 * repo2-cipher-pass). Each is a 256-bit data key from the key provider,
 * generated on first use and stored ONLY wrapped by the provider's master
 * key, in a small JSON file (BACKUP_CIPHER_FILE):
 *   { "format": "strongroom-backup-cipher/v1", "stanza": "strongroom",
 *     "repos": { "repo1": { provider, masterKeyId, wrapped }, ... } }
 * The encryption context binds each wrapped key to its stanza and repo.
 * At run time the passphrases are unwrapped in memory and handed to the
 * pgbackrest process (and the PostgreSQL server, whose archive_command
 * runs `pgbackrest archive-push`) through its environment
 * (PGBACKREST_REPO1_CIPHER_PASS ...), never written in plaintext.
 *
 * Losing the master key (or this file) makes every backup unreadable:
 * the key provider's master key must be backed up (docs/disaster-recovery.md).
 */
export const CIPHER_FILE_FORMAT = 'strongroom-backup-cipher/v1'

export type RepoName = 'repo1' | 'repo2'

interface StoredKey {
  provider: KeyProviderName
  masterKeyId: string
  wrapped: string
}

interface CipherFile {
  format: typeof CIPHER_FILE_FORMAT
  stanza: string
  repos: Partial<Record<RepoName, StoredKey>>
}

const context = (stanza: string, repo: RepoName) => ({ purpose: 'backup', stanza, repo })

/** The passphrases of `repos`, creating (and wrapping, and saving) the missing ones */
export async function repositoryPassphrases(
  file: string,
  stanza: string,
  repos: RepoName[]
): Promise<Record<RepoName, string | undefined>> {
  const provider = await keyProvider()
  const stored: CipherFile = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as CipherFile)
    : { format: CIPHER_FILE_FORMAT, stanza, repos: {} }
  if (stored.format !== CIPHER_FILE_FORMAT) throw new Error(`${file} is not a ${CIPHER_FILE_FORMAT} file`)
  if (stored.stanza !== stanza) throw new Error(`${file} holds the passphrases of stanza "${stored.stanza}", not "${stanza}"`)

  const result: Record<RepoName, string | undefined> = { repo1: undefined, repo2: undefined }
  let changed = false
  for (const repo of repos) {
    const entry = stored.repos[repo]
    if (entry) {
      const key: WrappedKey = { provider: entry.provider, masterKeyId: entry.masterKeyId, wrapped: Buffer.from(entry.wrapped, 'base64') }
      result[repo] = (await provider.unwrap(key, context(stanza, repo))).toString('base64url')
    } else {
      const generated = await provider.generateDataKey(context(stanza, repo))
      stored.repos[repo] = {
        provider: generated.wrapped.provider,
        masterKeyId: generated.wrapped.masterKeyId,
        wrapped: generated.wrapped.wrapped.toString('base64'),
      }
      result[repo] = generated.plaintext.toString('base64url')
      changed = true
    }
  }
  if (changed) {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(`${file}.tmp`, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 })
    await rename(`${file}.tmp`, file)
  }
  return result
}
