import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock'
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  KMSClient,
  KMSInternalException,
  NotFoundException,
} from '@aws-sdk/client-kms'
import AwsKmsKeyProvider from '#services/keys/aws_kms_key_provider'
import { resetOutboundBreakers } from '#services/outbound/circuit_breakers'

/**
 * The AWS KMS provider with the SDK's official mock (aws-sdk-client-mock):
 * which commands it sends, with which KeyId and EncryptionContext, and how
 * KMS's answers and refusals come back. Running against a real KMS is
 * described in the README (keys section).
 */
const KEY_ARN = 'arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const NEW_KEY_ARN = 'arn:aws:kms:eu-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321'
const context = { purpose: 'customer', customer: '42' }
const metadata = { httpStatusCode: 400, requestId: 'test' }

test.group('AWS KMS key provider', (group) => {
  let kms: AwsClientStub<KMSClient>

  group.setup(() => {
    kms = mockClient(KMSClient)
    return () => kms.restore()
  })
  group.each.setup(() => {
    kms.reset()
    resetOutboundBreakers()
  })

  test('generates a data key with GenerateDataKey under the current key and the context', async ({ assert }) => {
    const plaintext = randomBytes(32)
    const ciphertext = randomBytes(184)
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: new Uint8Array(plaintext), CiphertextBlob: ciphertext, KeyId: KEY_ARN })
    const provider = await AwsKmsKeyProvider.open({ keyId: KEY_ARN })

    const generated = await provider.generateDataKey(context)
    assert.isTrue(generated.plaintext.equals(plaintext))
    assert.deepEqual(generated.wrapped, { provider: 'aws-kms', masterKeyId: KEY_ARN, wrapped: ciphertext })

    const calls = kms.commandCalls(GenerateDataKeyCommand)
    assert.lengthOf(calls, 1)
    assert.deepEqual(calls[0].args[0].input, { KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: context })
    assert.equal(provider.currentMasterKeyId(), KEY_ARN)
    assert.equal(kms.commandCalls(DescribeKeyCommand).length, 0, 'a key ARN needs no lookup')
    await provider.close()
  })

  test('unwraps with Decrypt naming the row\'s key and context, and returns what KMS decrypted', async ({ assert }) => {
    const plaintext = randomBytes(32)
    kms.on(DecryptCommand).resolves({ Plaintext: new Uint8Array(plaintext), KeyId: KEY_ARN })
    const provider = await AwsKmsKeyProvider.open({ keyId: NEW_KEY_ARN, region: 'eu-west-2' })
    const wrapped = randomBytes(184)

    const unwrapped = await provider.unwrap({ provider: 'aws-kms', masterKeyId: KEY_ARN, wrapped }, context)
    assert.isTrue(unwrapped.equals(plaintext))
    const input = kms.commandCalls(DecryptCommand)[0].args[0].input
    assert.equal(input.KeyId, KEY_ARN, 'the key the row names, not the current one')
    assert.deepEqual(input.EncryptionContext, context)
    assert.isTrue(Buffer.from(input.CiphertextBlob!).equals(wrapped))
  })

  test('re-wraps an existing data key with Encrypt under the given key', async ({ assert }) => {
    const ciphertext = randomBytes(184)
    kms.on(EncryptCommand).resolves({ CiphertextBlob: ciphertext, KeyId: NEW_KEY_ARN })
    const provider = await AwsKmsKeyProvider.open({ keyId: KEY_ARN })
    const dataKey = randomBytes(32)

    const wrapped = await provider.wrap(dataKey, context, NEW_KEY_ARN)
    assert.deepEqual(wrapped, { provider: 'aws-kms', masterKeyId: NEW_KEY_ARN, wrapped: ciphertext })
    const input = kms.commandCalls(EncryptCommand)[0].args[0].input
    assert.equal(input.KeyId, NEW_KEY_ARN)
    assert.deepEqual(input.EncryptionContext, context)
    assert.isTrue(Buffer.from(input.Plaintext!).equals(dataKey))
  })

  test('resolves an alias to its key ARN once, and stores the ARN with each wrapped key', async ({ assert }) => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/strongroom' }).resolves({
      KeyMetadata: { KeyId: 'k', Arn: KEY_ARN, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' },
    })
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: randomBytes(32), CiphertextBlob: randomBytes(184), KeyId: KEY_ARN })
    const provider = await AwsKmsKeyProvider.open({ keyId: 'alias/strongroom', region: 'eu-west-2' })
    assert.equal(provider.currentMasterKeyId(), KEY_ARN)
    const generated = await provider.generateDataKey(context)
    assert.equal(generated.wrapped.masterKeyId, KEY_ARN)
    assert.equal(kms.commandCalls(GenerateDataKeyCommand)[0].args[0].input.KeyId, KEY_ARN)

    kms.on(DescribeKeyCommand, { KeyId: 'alias/signing' }).resolves({
      KeyMetadata: { KeyId: 's', Arn: NEW_KEY_ARN, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
    })
    await assert.rejects(() => AwsKmsKeyProvider.open({ keyId: 'alias/signing', region: 'eu-west-2' }), /not a symmetric encryption key/)
  })

  test('a refusal from KMS surfaces as a clear error and does not open the circuit', async ({ assert }) => {
    kms.on(DecryptCommand).rejects(new InvalidCiphertextException({ message: 'invalid ciphertext', $metadata: metadata }))
    kms.on(EncryptCommand).rejects(new NotFoundException({ message: 'Key not found', $metadata: metadata }))
    const provider = await AwsKmsKeyProvider.open({ keyId: KEY_ARN })
    for (let i = 0; i < 6; i++) {
      await assert.rejects(
        () => provider.unwrap({ provider: 'aws-kms', masterKeyId: KEY_ARN, wrapped: randomBytes(184) }, { purpose: 'customer', customer: '43' }),
        /did not unwrap: the context or the ciphertext differ \(InvalidCiphertextException/
      )
    }
    await assert.rejects(() => provider.wrap(randomBytes(32), context, NEW_KEY_ARN), /has no master key ".*0987dcba.*" \(NotFoundException/)
    assert.lengthOf(kms.commandCalls(DecryptCommand), 6, 'every call reached KMS: refusals are not outages')
  })

  test('KMS failing surfaces as E_KEY_PROVIDER_UNAVAILABLE, then the circuit opens', async ({ assert }) => {
    kms.on(GenerateDataKeyCommand).rejects(new KMSInternalException({ message: 'internal error', $metadata: { httpStatusCode: 500 } }))
    const provider = await AwsKmsKeyProvider.open({ keyId: KEY_ARN })
    const error = await provider.generateDataKey(context).catch((failure) => failure)
    assert.equal(error.code, 'E_KEY_PROVIDER_UNAVAILABLE')
    assert.match(error.message, /KMS GenerateDataKey failed: KMSInternalException: internal error/)
    for (let i = 0; i < 10; i++) await provider.generateDataKey(context).catch(() => {})
    const calls = kms.commandCalls(GenerateDataKeyCommand).length
    assert.isBelow(calls, 11, 'an open circuit stops calling KMS')
    await assert.rejects(() => provider.generateDataKey(context), /circuit open/)
  })

  test('refuses a plaintext of the wrong size and missing settings', async ({ assert }) => {
    kms.on(DecryptCommand).resolves({ Plaintext: randomBytes(16), KeyId: KEY_ARN })
    const provider = await AwsKmsKeyProvider.open({ keyId: KEY_ARN })
    await assert.rejects(() => provider.unwrap({ provider: 'aws-kms', masterKeyId: KEY_ARN, wrapped: randomBytes(184) }, context), /16 bytes instead of 32/)
    await assert.rejects(() => provider.unwrap({ provider: 'local', masterKeyId: 'lk-initial', wrapped: randomBytes(60) }, context), /wrapped by the local provider/)
    await assert.rejects(() => AwsKmsKeyProvider.open({}), /AWS_KMS_KEY_ID/)
    await assert.rejects(() => AwsKmsKeyProvider.open({ keyId: 'alias/strongroom' }), /AWS_REGION/)
  })
})
