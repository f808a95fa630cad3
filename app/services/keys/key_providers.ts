import app from '@adonisjs/core/services/app'
import keysConfig from '#config/keys'
import type { KeyProvider } from '#services/keys/key_provider'
import KeyFileProvider from '#services/keys/key_file_provider'

/**
 * The configured key provider (KEY_PROVIDER), made once per process.
 * Tests may swap it with useKeyProvider().
 */
let provider: KeyProvider | undefined

export async function keyProvider(): Promise<KeyProvider> {
  provider ??= await makeProvider()
  return provider
}

export function useKeyProvider(replacement: KeyProvider | undefined) {
  provider = replacement
}

export async function makeProvider(config = keysConfig): Promise<KeyProvider> {
  switch (config.provider) {
    case 'local':
      return new KeyFileProvider(config.local.file, {
        create: !app.inProduction,
        masterKeyId: config.masterKeyId,
      })
    case 'pkcs11': {
      const { default: Pkcs11KeyProvider } = await import('#services/keys/pkcs11_key_provider').catch((error) => {
        /* the pkcs11js addon is compiled by npm ci (node-gyp); an image built with --ignore-scripts lacks it */
        throw new Error(`KEY_PROVIDER=pkcs11: the pkcs11js native addon could not be loaded (run "npm rebuild pkcs11js" with make, g++ and python3): ${error?.message}`)
      })
      return Pkcs11KeyProvider.open({ ...config.pkcs11, pin: config.pkcs11.pin, masterKeyId: config.masterKeyId })
    }
    case 'aws-kms': {
      const { default: AwsKmsKeyProvider } = await import('#services/keys/aws_kms_key_provider')
      return AwsKmsKeyProvider.open({ ...config.awsKms, masterKeyId: config.masterKeyId })
    }
    default:
      throw new Error(`Key provider "${config.provider}" is not available`)
  }
}
