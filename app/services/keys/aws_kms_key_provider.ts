import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
  type DecryptCommandOutput,
  type DescribeKeyCommandOutput,
  type EncryptCommandOutput,
  type GenerateDataKeyCommandOutput,
} from '@aws-sdk/client-kms'
import type { EncryptionContext, GeneratedDataKey, KeyProvider, WrappedKey } from '#services/keys/key_provider'
import { callOutbound } from '#services/outbound/circuit_breakers'
import { DomainException } from '#exceptions/domain_exception'
import DataKeyUnwrapFailedException from '#exceptions/data_key_unwrap_failed_exception'
import KeyProviderUnavailableException from '#exceptions/key_provider_unavailable_exception'
import MasterKeyNotFoundException from '#exceptions/master_key_not_found_exception'

/**
 * The `aws-kms` key provider: master keys are symmetric KMS keys that never
 * leave AWS. GenerateDataKey (AES_256) makes a data key and returns it both
 * in plaintext and encrypted; Encrypt re-wraps an existing one (rotation);
 * Decrypt unwraps, naming the KeyId it expects. The encryption context is
 * KMS's EncryptionContext: authenticated, logged in CloudTrail, and usable
 * in key policy conditions (kms:EncryptionContext:purpose).
 *
 * The master key id stored with each wrapped key is the key ARN KMS
 * answers with, so an alias moved to another key later does not orphan
 * the keys wrapped before; AWS_KMS_KEY_ID (or MASTER_KEY_ID) may be an
 * alias or key id, resolved once to its ARN by DescribeKey at start (a key
 * ARN needs no lookup). KMS's own yearly rotation of a key's material
 * keeps the ARN: nothing to re-wrap; `keys:rotate` is for moving to
 * another KMS key.
 *
 * Every call goes through the outbound circuit breaker `kms:<region>`
 * (timeout, fail fast while KMS is down); the SDK retries throttling and
 * 5xx itself. A refusal that is the caller's own (bad ciphertext or
 * context, unknown or disabled key, access denied) does not count against
 * the circuit: it is turned into a clear exception instead.
 */
export interface AwsKmsOptions {
  /** AWS_KMS_KEY_ID: key ARN, key id or alias of the current master key */
  keyId?: string
  /** MASTER_KEY_ID, when set, wins over keyId */
  masterKeyId?: string
  region?: string
  /** AWS_KMS_ENDPOINT: LocalStack, a VPC endpoint */
  endpoint?: string
}

const NAME = 'aws-kms'
const DATA_KEY_BYTES = 32
const KEY_ARN = /^arn:aws[\w-]*:kms:([\w-]+):\d{12}:key\/[\w-]+$/

class KmsRefusal {
  constructor(readonly error: any) {}
}

export default class AwsKmsKeyProvider implements KeyProvider {
  readonly name = 'aws-kms' as const

  private constructor(
    private client: KMSClient,
    private region: string,
    private currentKeyArn: string
  ) {}

  /** Checks the settings and resolves the current key to its ARN */
  static async open(options: AwsKmsOptions): Promise<AwsKmsKeyProvider> {
    const keyId = options.masterKeyId || options.keyId
    if (!keyId) throw new KeyProviderUnavailableException(NAME, 'set AWS_KMS_KEY_ID to the KMS key (ARN or alias) that wraps data keys')
    const region = options.region || KEY_ARN.exec(keyId)?.[1]
    if (!region) throw new KeyProviderUnavailableException(NAME, 'set AWS_REGION (the KMS key\'s region)')
    const client = new KMSClient({ region, ...(options.endpoint ? { endpoint: options.endpoint } : {}) })
    const provider = new AwsKmsKeyProvider(client, region, keyId)
    if (!KEY_ARN.test(keyId)) {
      try {
        const described = await provider.#send<DescribeKeyCommandOutput>('DescribeKey', new DescribeKeyCommand({ KeyId: keyId }), keyId)
        const metadata = described.KeyMetadata
        if (metadata?.KeySpec !== 'SYMMETRIC_DEFAULT' || metadata.KeyUsage !== 'ENCRYPT_DECRYPT') {
          throw new KeyProviderUnavailableException(NAME, `${keyId} is not a symmetric encryption key (${metadata?.KeySpec}, ${metadata?.KeyUsage})`)
        }
        provider.currentKeyArn = metadata.Arn!
      } catch (error) {
        client.destroy()
        throw error
      }
    }
    return provider
  }

  currentMasterKeyId(): string {
    return this.currentKeyArn
  }

  async generateDataKey(context: EncryptionContext, masterKeyId = this.currentKeyArn): Promise<GeneratedDataKey> {
    const response = await this.#send<GenerateDataKeyCommandOutput>(
      'GenerateDataKey',
      new GenerateDataKeyCommand({ KeyId: masterKeyId, KeySpec: 'AES_256', EncryptionContext: context }),
      masterKeyId
    )
    const plaintext = this.#dataKey(response.Plaintext, masterKeyId)
    if (!response.CiphertextBlob) throw new KeyProviderUnavailableException(NAME, 'GenerateDataKey returned no ciphertext')
    return {
      plaintext,
      wrapped: { provider: 'aws-kms', masterKeyId: response.KeyId ?? masterKeyId, wrapped: Buffer.from(response.CiphertextBlob) },
    }
  }

  async wrap(plaintext: Buffer, context: EncryptionContext, masterKeyId = this.currentKeyArn): Promise<WrappedKey> {
    if (plaintext.length !== DATA_KEY_BYTES) throw new TypeError(`A data key is ${DATA_KEY_BYTES} bytes, not ${plaintext.length}`)
    const response = await this.#send<EncryptCommandOutput>(
      'Encrypt',
      new EncryptCommand({ KeyId: masterKeyId, Plaintext: plaintext, EncryptionContext: context }),
      masterKeyId
    )
    if (!response.CiphertextBlob) throw new KeyProviderUnavailableException(NAME, 'Encrypt returned no ciphertext')
    return { provider: 'aws-kms', masterKeyId: response.KeyId ?? masterKeyId, wrapped: Buffer.from(response.CiphertextBlob) }
  }

  async unwrap(key: WrappedKey, context: EncryptionContext): Promise<Buffer> {
    if (key.provider !== 'aws-kms') {
      throw new DataKeyUnwrapFailedException(NAME, key.masterKeyId, `it was wrapped by the ${key.provider} provider`)
    }
    const response = await this.#send<DecryptCommandOutput>(
      'Decrypt',
      new DecryptCommand({ CiphertextBlob: key.wrapped, KeyId: key.masterKeyId, EncryptionContext: context }),
      key.masterKeyId
    )
    return this.#dataKey(response.Plaintext, key.masterKeyId)
  }

  async close() {
    this.client.destroy()
  }

  /** A copy of KMS's plaintext as a Buffer; the SDK's array is zeroed */
  #dataKey(plaintext: Uint8Array | undefined, masterKeyId: string): Buffer {
    if (!plaintext || plaintext.length !== DATA_KEY_BYTES) {
      plaintext?.fill(0)
      throw new DataKeyUnwrapFailedException(NAME, masterKeyId, `KMS returned ${plaintext?.length ?? 0} bytes instead of ${DATA_KEY_BYTES}`)
    }
    const copy = Buffer.from(plaintext)
    plaintext.fill(0)
    return copy
  }

  async #send<T>(operation: string, command: any, keyId: string): Promise<T> {
    let outcome: unknown
    try {
      outcome = await callOutbound(`kms:${this.region}`, async (signal) => {
        try {
          return await this.client.send(command, { abortSignal: signal })
        } catch (error: any) {
          /* the caller's fault: answered as a result, so it does not open the circuit for everybody */
          if (error?.$fault === 'client') return new KmsRefusal(error)
          throw error
        }
      })
    } catch (error: any) {
      /* circuit open or timed out: OutboundUnavailable/OutboundTimeout say so already */
      if (error instanceof DomainException) throw error
      throw new KeyProviderUnavailableException(NAME, `KMS ${operation} failed: ${error?.name ?? 'Error'}: ${error?.message ?? error}`)
    }
    if (!(outcome instanceof KmsRefusal)) return outcome as T
    const error = outcome.error
    const reason = `${error?.name ?? 'Error'}: ${error?.message ?? ''}`.trim()
    switch (error?.name) {
      case 'InvalidCiphertextException':
      case 'IncorrectKeyException':
        throw new DataKeyUnwrapFailedException(NAME, keyId, `the context or the ciphertext differ (${reason})`)
      case 'NotFoundException':
        throw new MasterKeyNotFoundException(NAME, keyId, reason)
      default:
        throw new KeyProviderUnavailableException(NAME, `KMS refused ${operation} with ${keyId}: ${reason}`)
    }
  }
}
