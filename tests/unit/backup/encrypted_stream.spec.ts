import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { DecryptStream, DumpDecryptionError, EncryptStream } from '#services/backup/encrypted_stream'

/** The chunked AES-256-GCM format of encrypted dumps (app/services/backup/encrypted_stream.ts) */
async function through(stream: NodeJS.ReadWriteStream, input: Buffer): Promise<Buffer> {
  const out: Buffer[] = []
  await pipeline(
    Readable.from([input]),
    stream,
    new Writable({
      write(chunk, _encoding, done) {
        out.push(chunk)
        done()
      },
    })
  )
  return Buffer.concat(out)
}

const key = randomBytes(32)
/* three full 1 MiB chunks and a partial one */
const plain = randomBytes(3 * 1024 * 1024 + 12_345)

test.group('Backups: encrypted dump stream', () => {
  test('round-trips a multi-chunk stream, and the ciphertext does not contain the plaintext', async ({ assert }) => {
    const encrypted = await through(new EncryptStream(key, 'b1'), plain)
    assert.isFalse(encrypted.includes(plain.subarray(0, 64)))
    assert.isTrue((await through(new DecryptStream(key, 'b1'), encrypted)).equals(plain))
  })

  test('refuses a flipped bit, a truncated file, a dropped chunk, another backup id and another key', async ({ assert }) => {
    const encrypted = await through(new EncryptStream(key, 'b1'), plain)
    const chunk = 4 + 12 + 1024 * 1024 + 16
    const flipped = Buffer.from(encrypted)
    flipped[5000] ^= 1
    const cases: Array<[string, Buffer, string, Buffer]> = [
      ['flipped', flipped, 'b1', key],
      ['truncated (last chunk gone)', encrypted.subarray(0, encrypted.length - 32), 'b1', key],
      ['chunk dropped', Buffer.concat([encrypted.subarray(0, 8), encrypted.subarray(8 + chunk)]), 'b1', key],
      ['other backup id', encrypted, 'b2', key],
      ['other key', encrypted, 'b1', randomBytes(32)],
    ]
    for (const [name, data, id, withKey] of cases) {
      const error = await through(new DecryptStream(withKey, id), data).then(() => null, (e: Error) => e)
      assert.instanceOf(error, DumpDecryptionError, name)
    }
  })
})
