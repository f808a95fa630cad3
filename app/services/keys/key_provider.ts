/**
 * Key providers (ARCHITECTURE §8): the bank's master keys never leave the
 * provider. Personal data is sealed with 256-bit data keys (one per
 * customer, plus a few bank-wide ones such as the blind-index key); the
 * database stores each data key only wrapped by a master key. A provider
 * generates data keys, wraps and unwraps them. Implementations:
 * - `local`: a key file on disk (development default, key_file_provider.ts);
 * - `pkcs11`: an HSM through PKCS#11 (tested against SoftHSM2);
 * - `aws-kms`: AWS KMS GenerateDataKey / Encrypt / Decrypt.
 *
 * The encryption context is bound to the wrapped key (AES-GCM AAD for the
 * local and PKCS#11 providers, KMS EncryptionContext for AWS): a wrapped
 * key copied onto another customer's row does not unwrap.
 */
export type KeyProviderName = 'local' | 'pkcs11' | 'aws-kms'

/** Non-secret strings bound to a wrapped key, e.g. { purpose: 'customer', customer: '42' } */
export type EncryptionContext = Record<string, string>

/** What the database stores for one data key */
export interface WrappedKey {
  provider: KeyProviderName
  /** The master key that wrapped it: a key id in the key file, a PKCS#11 label, a KMS key ARN */
  masterKeyId: string
  /** Provider-specific ciphertext of the 32-byte data key */
  wrapped: Buffer
}

export interface GeneratedDataKey {
  /** 32 bytes; callers keep it in memory only, never write it anywhere */
  plaintext: Buffer
  wrapped: WrappedKey
}

export interface KeyProvider {
  readonly name: KeyProviderName
  /** The master key new data keys are wrapped under (MASTER_KEY_ID, or the provider's default) */
  currentMasterKeyId(): string
  /** A fresh random 256-bit data key wrapped under `masterKeyId` (default: the current one) */
  generateDataKey(context: EncryptionContext, masterKeyId?: string): Promise<GeneratedDataKey>
  /** Wraps an existing data key under `masterKeyId` (default: the current one): key rotation */
  wrap(plaintext: Buffer, context: EncryptionContext, masterKeyId?: string): Promise<WrappedKey>
  /** The data key; throws when the master key is unknown or the context or ciphertext differ */
  unwrap(key: WrappedKey, context: EncryptionContext): Promise<Buffer>
  /** Creates a new master key (local and pkcs11; KMS keys are created in AWS) and returns its id */
  createMasterKey?(): Promise<string>
  /** Releases sessions or clients (PKCS#11 logout, KMS client destroy) */
  close(): Promise<void>
}
