import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'

/**
 * Authenticated streaming encryption of a backup file (AES-256-GCM in
 * chunks): the pg_dump stream is encrypted as it is produced, so no
 * plaintext dump ever reaches the disk.
 *
 * File: "SRDUMP1\n", then chunks of [u32 plaintext length][12-byte IV]
 * [ciphertext][16-byte tag]. Each chunk's AAD is the backup id, the
 * chunk's index and whether it is the last one, so chunks cannot be
 * reordered, dropped, or the file truncated or extended without
 * decryption failing. An empty last chunk closes every file.
 */
const MAGIC = Buffer.from('SRDUMP1\n', 'ascii')
const CHUNK = 1024 * 1024

const aad = (backupId: string, index: number, last: boolean) => Buffer.from(`${backupId}|${index}|${last ? 'last' : 'more'}`, 'utf8')

export class DumpDecryptionError extends Error {}

export class EncryptStream extends Transform {
  #pending: Buffer[] = []
  #pendingBytes = 0
  #index = 0

  constructor(
    private key: Buffer,
    private backupId: string
  ) {
    super()
    this.push(MAGIC)
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#pending.push(chunk)
    this.#pendingBytes += chunk.length
    while (this.#pendingBytes >= CHUNK) {
      const all = Buffer.concat(this.#pending)
      this.#seal(all.subarray(0, CHUNK), false)
      this.#pending = [all.subarray(CHUNK)]
      this.#pendingBytes = all.length - CHUNK
    }
    callback()
  }

  _flush(callback: TransformCallback) {
    const rest = Buffer.concat(this.#pending)
    if (rest.length > 0) this.#seal(rest, false)
    this.#seal(Buffer.alloc(0), true)
    callback()
  }

  #seal(plaintext: Buffer, last: boolean) {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(aad(this.backupId, this.#index++, last))
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
    const length = Buffer.alloc(4)
    length.writeUInt32BE((plaintext.length | (last ? 0x80000000 : 0)) >>> 0)
    this.push(Buffer.concat([length, iv, ciphertext, cipher.getAuthTag()]))
  }
}

export class DecryptStream extends Transform {
  #buffer = Buffer.alloc(0)
  #index = 0
  #magicSeen = false
  #ended = false

  constructor(
    private key: Buffer,
    private backupId: string
  ) {
    super()
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#buffer = Buffer.concat([this.#buffer, chunk])
    try {
      this.#drain()
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }

  _flush(callback: TransformCallback) {
    try {
      this.#drain()
      if (!this.#ended || this.#buffer.length > 0) throw new DumpDecryptionError('the encrypted dump is truncated or has trailing data')
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }

  #drain() {
    if (!this.#magicSeen) {
      if (this.#buffer.length < MAGIC.length) return
      if (!this.#buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new DumpDecryptionError('not an encrypted Strongroom dump')
      this.#buffer = this.#buffer.subarray(MAGIC.length)
      this.#magicSeen = true
    }
    while (this.#buffer.length >= 4) {
      if (this.#ended) throw new DumpDecryptionError('data after the last chunk')
      const header = this.#buffer.readUInt32BE(0)
      const last = (header & 0x80000000) !== 0
      const length = header & 0x7fffffff
      if (length > CHUNK) throw new DumpDecryptionError('corrupt chunk header')
      const total = 4 + 12 + length + 16
      if (this.#buffer.length < total) return
      const iv = this.#buffer.subarray(4, 16)
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv)
      decipher.setAAD(aad(this.backupId, this.#index++, last))
      decipher.setAuthTag(this.#buffer.subarray(16 + length, total))
      try {
        this.push(Buffer.concat([decipher.update(this.#buffer.subarray(16, 16 + length)), decipher.final()]))
      } catch {
        throw new DumpDecryptionError(`chunk ${this.#index - 1} does not authenticate (the file was altered or the key is wrong)`)
      }
      this.#buffer = this.#buffer.subarray(total)
      if (last) this.#ended = true
    }
  }
}
