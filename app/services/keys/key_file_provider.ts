import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { EncryptionContext, GeneratedDataKey, KeyProvider, WrappedKey } from '#services/keys/key_provider'
import { canonicalContext } from '#services/keys/encryption_context'

/**
 * The `local` key provider: master keys in a JSON key file outside the
 * database (LOCAL_KEY_FILE, default storage/keys/master-keys.json, mode
 * 0600), `{ "current": "<id>", "keys": { "<id>": "<base64 32 bytes>" } }`.
 * A data key is wrapped with AES-256-GCM under the master key, the
 * canonical encryption context as AAD: iv(12) | tag(16) | ciphertext(32).
 *
 * Development and test create the file on first use; production refuses
 * to start without it (a key file that appears by itself would be a key
 * nobody backed up). Rotation: `node ace keys:generate` adds a key and
 * makes it current, `node ace keys:rotate` re-wraps every data key; the
 * old key stays in the file until no wrapped key names it.
 */
interface KeyFile {
  current: string
  keys: Record<string, string>
}

export default class KeyFileProvider implements KeyProvider {
  readonly name = 'local' as const
  #file: KeyFile

  constructor(
    private path: string,
    private options: { create: boolean; masterKeyId?: string }
  ) {
    this.#file = this.#load()
  }

  currentMasterKeyId(): string {
    return this.options.masterKeyId ?? this.#file.current
  }

  async generateDataKey(context: EncryptionContext, masterKeyId?: string): Promise<GeneratedDataKey> {
    const plaintext = randomBytes(32)
    return { plaintext, wrapped: await this.wrap(plaintext, context, masterKeyId) }
  }

  async wrap(plaintext: Buffer, context: EncryptionContext, masterKeyId = this.currentMasterKeyId()): Promise<WrappedKey> {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#masterKey(masterKeyId), iv)
    cipher.setAAD(canonicalContext(context))
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
    return { provider: 'local', masterKeyId, wrapped: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]) }
  }

  async unwrap(key: WrappedKey, context: EncryptionContext): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', this.#masterKey(key.masterKeyId), key.wrapped.subarray(0, 12))
    decipher.setAuthTag(key.wrapped.subarray(12, 28))
    decipher.setAAD(canonicalContext(context))
    return Buffer.concat([decipher.update(key.wrapped.subarray(28)), decipher.final()])
  }

  async createMasterKey(): Promise<string> {
    const id = `lk-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`
    this.#file = { current: id, keys: { ...this.#file.keys, [id]: randomBytes(32).toString('base64') } }
    await this.#save()
    return id
  }

  async close() {}

  #masterKey(id: string): Buffer {
    const encoded = this.#file.keys[id]
    if (!encoded) throw new Error(`Master key "${id}" is not in the key file ${this.path}`)
    return Buffer.from(encoded, 'base64')
  }

  #load(): KeyFile {
    if (existsSync(this.path)) return JSON.parse(readFileSync(this.path, 'utf8')) as KeyFile
    if (!this.options.create) {
      throw new Error(`The master key file ${this.path} does not exist (LOCAL_KEY_FILE); create it with "node ace keys:generate"`)
    }
    const initial: KeyFile = { current: 'lk-initial', keys: { 'lk-initial': randomBytes(32).toString('base64') } }
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 })
    try {
      /* exclusive create: two processes starting at once must not each make a different key */
      writeFileSync(this.path, JSON.stringify(initial, null, 2), { mode: 0o600, flag: 'wx' })
      return initial
    } catch (error: any) {
      if (error?.code !== 'EEXIST') throw error
      return JSON.parse(readFileSync(this.path, 'utf8')) as KeyFile
    }
  }

  async #save() {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
    const temporary = `${this.path}.${process.pid}.tmp`
    await writeFile(temporary, JSON.stringify(this.#file, null, 2), { mode: 0o600 })
    await chmod(temporary, 0o600)
    await rename(temporary, this.path)
  }
}
