import { test } from '@japa/runner'
import { EnvAuditKeyProvider, generateSigningKey, parseSigningKey } from '#services/audit/audit_signing_keys'
import { checkpointProblem, checkpointSigningPayload, CHECKPOINT_FORMAT, verifySignature } from '#domain/audit/checkpoint'
import MissingAuditSigningKeyException from '#exceptions/missing_audit_signing_key_exception'

const APP_KEY = 'unit-test-app-key-0123456789abcdefghijklmnop'

test.group('Audit signing keys (outside the database)', () => {
  test('production refuses to sign without AUDIT_SIGNING_KEY, and verifies only with the listed public keys', ({ assert }) => {
    const rotated = generateSigningKey()
    const keys = new EnvAuditKeyProvider({ nodeEnv: 'production', appKey: APP_KEY, trustedPublicKeys: rotated.publicKey })
    assert.throws(() => keys.signer(), MissingAuditSigningKeyException.message)
    assert.deepEqual([...keys.trustedKeys().keys()], [rotated.keyId])
  })

  test('AUDIT_SIGNING_KEY signs, and its public key is trusted under its key id', async ({ assert }) => {
    const generated = generateSigningKey()
    const keys = new EnvAuditKeyProvider({ nodeEnv: 'production', appKey: APP_KEY, signingKey: generated.signingKey })
    const signer = keys.signer()
    assert.equal(signer.keyId, generated.keyId)
    assert.equal(signer.publicKey, generated.publicKey)
    const signature = await signer.sign(Buffer.from('block'))
    assert.isTrue(verifySignature(keys.trustedKeys().get(signer.keyId)!, Buffer.from('block'), signature))
    assert.isFalse(verifySignature(keys.trustedKeys().get(signer.keyId)!, Buffer.from('blocK'), signature))
  })

  test('development and test derive the same key from APP_KEY, with a warning; another APP_KEY gives another key', ({ assert }) => {
    const warnings: string[] = []
    const one = new EnvAuditKeyProvider({ nodeEnv: 'development', appKey: APP_KEY, warn: (m) => warnings.push(m) })
    const two = new EnvAuditKeyProvider({ nodeEnv: 'test', appKey: APP_KEY })
    const other = new EnvAuditKeyProvider({ nodeEnv: 'test', appKey: `${APP_KEY}x` })
    assert.equal(one.signer().keyId, two.signer().keyId)
    assert.notEqual(one.signer().keyId, other.signer().keyId)
    assert.match(warnings[0], /AUDIT_SIGNING_KEY is not set/)
  })

  test('a malformed AUDIT_SIGNING_KEY is refused', ({ assert }) => {
    assert.throws(() => parseSigningKey('c2hvcnQ'), /32-byte Ed25519 seed/)
    assert.throws(() => parseSigningKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'), /32-byte Ed25519 seed/)
  })

  test('a checkpoint is believed only untouched and signed by a trusted key', async ({ assert }) => {
    const keys = new EnvAuditKeyProvider({ nodeEnv: 'test', appKey: APP_KEY })
    const signer = keys.signer()
    const unsigned = {
      format: CHECKPOINT_FORMAT,
      blockId: 7,
      blockHash: 'a'.repeat(64),
      lastEventId: 70,
      createdAt: '2026-01-01T00:00:00.000Z',
      keyId: signer.keyId,
      publicKey: signer.publicKey,
    } as const
    const checkpoint = { ...unsigned, signature: await signer.sign(checkpointSigningPayload(unsigned)) }
    assert.isNull(checkpointProblem(checkpoint, keys.trustedKeys()))
    assert.equal(checkpointProblem({ ...checkpoint, lastEventId: 71 }, keys.trustedKeys()), 'signature')
    assert.equal(checkpointProblem({ ...checkpoint, blockId: '7' }, keys.trustedKeys()), 'format')
    assert.equal(checkpointProblem(checkpoint, new Map()), 'untrusted_key')
    const other = generateSigningKey()
    assert.equal(checkpointProblem({ ...checkpoint, publicKey: other.publicKey }, keys.trustedKeys()), 'key_id')
  })
})
