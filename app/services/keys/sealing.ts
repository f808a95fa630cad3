import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Sealing with a data key: AES-256-GCM, a fresh 96-bit IV per value, the
 * associated data naming where the value belongs (e.g.
 * `customers:42:personal_data`), so a sealed value copied onto another row
 * or column does not open. Layout: version(1) | iv(12) | tag(16) | ciphertext.
 */
const VERSION = 1

export function seal(key: Buffer, plaintext: Buffer | string, associatedData: string): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()])
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
}

/** The plaintext; throws when the key, the associated data or a byte differ */
export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('Not a sealed value')
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13))
  decipher.setAuthTag(sealed.subarray(13, 29))
  decipher.setAAD(Buffer.from(associatedData, 'utf8'))
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()])
}

export function sealJson(key: Buffer, value: unknown, associatedData: string): Buffer {
  return seal(key, JSON.stringify(value), associatedData)
}

export function openJson<T>(key: Buffer, sealed: Buffer, associatedData: string): T {
  return JSON.parse(open(key, sealed, associatedData).toString('utf8')) as T
}
