import { isAbsolute } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type { KeyProviderName } from '#services/keys/key_provider'

/**
 * Personal data encryption (ARCHITECTURE §8; README "Personal data").
 * KEY_PROVIDER picks where the master keys live; MASTER_KEY_ID the one new
 * data keys are wrapped under (default: the provider's current key).
 */
const localFile = env.get('LOCAL_KEY_FILE', 'storage/keys/master-keys.json')

const keysConfig = {
  provider: env.get('KEY_PROVIDER', 'local') as KeyProviderName,
  masterKeyId: env.get('MASTER_KEY_ID'),
  local: {
    file: isAbsolute(localFile) ? localFile : app.makePath(localFile),
  },
  /** An HSM (or SoftHSM2) through its PKCS#11 library: master keys are AES-256 key objects found by label */
  pkcs11: {
    module: env.get('PKCS11_MODULE') || '/usr/lib/softhsm/libsofthsm2.so',
    tokenLabel: env.get('PKCS11_TOKEN_LABEL') || undefined,
    slot: env.get('PKCS11_SLOT'),
    get pin(): string | undefined {
      return env.get('PKCS11_PIN')?.release() || undefined
    },
  },
  /** AWS KMS: AWS_KMS_KEY_ID is the current master key (ARN, key id or alias) */
  awsKms: {
    keyId: env.get('AWS_KMS_KEY_ID') || undefined,
    region: env.get('AWS_REGION') || undefined,
    endpoint: env.get('AWS_KMS_ENDPOINT') || undefined,
  },
  /** How long an unwrapped data key stays in process memory (seconds) */
  dataKeyCacheSeconds: Number(env.get('DATA_KEY_CACHE_SECONDS', 300)),
}

export default keysConfig
