import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import keysConfig from '#config/keys'
import { keyProvider } from '#services/keys/key_providers'
import KeyFileProvider from '#services/keys/key_file_provider'

/**
 * Creates a new master key in the configured key provider and says what
 * to do next. local: a new key in the key file, made its "current";
 * pkcs11: a new AES-256 key in the token (sensitive, non-extractable),
 * labelled with its id. aws-kms: keys are created in AWS (console, CLI,
 * Terraform), not by the application: the command explains how and fails.
 * Old keys are never removed: data keys wrapped under them must still
 * unwrap until `node ace keys:rotate` has moved every one.
 */
export default class KeysGenerate extends BaseCommand {
  static commandName = 'keys:generate'
  static description = 'Create a new master key in the key provider (then set MASTER_KEY_ID and run keys:rotate)'
  static options: CommandOptions = { startApp: true }

  async run() {
    if (keysConfig.provider === 'aws-kms') {
      this.logger.error('KEY_PROVIDER=aws-kms: master keys are created in AWS KMS, not by Strongroom.')
      this.logger.log('  1. Create a symmetric encryption key, e.g. `aws kms create-key --key-spec SYMMETRIC_DEFAULT --key-usage ENCRYPT_DECRYPT`')
      this.logger.log('     (and an alias), with a key policy allowing kms:GenerateDataKey, kms:Encrypt, kms:Decrypt to the app\'s role.')
      this.logger.log('  2. Set AWS_KMS_KEY_ID (or MASTER_KEY_ID) to its ARN, keep the old key enabled, restart the app.')
      this.logger.log('  3. Run `node ace keys:rotate` to re-wrap every data key under it.')
      this.logger.log('  KMS\'s own automatic rotation (enable-key-rotation) keeps the key ARN and needs no re-wrap.')
      return void (this.exitCode = 1)
    }
    /* local: this command is how the production key file comes to exist, so it may create it */
    const provider =
      keysConfig.provider === 'local'
        ? new KeyFileProvider(keysConfig.local.file, { create: true, masterKeyId: keysConfig.masterKeyId })
        : await keyProvider()
    try {
      if (!provider.createMasterKey) {
        this.logger.error(`The ${provider.name} key provider cannot create master keys`)
        return void (this.exitCode = 1)
      }
      const id = await provider.createMasterKey()
      this.logger.success(`Created master key ${id} (${provider.name})`)
      this.#nextSteps(provider.name, id)
    } finally {
      await provider.close()
    }
  }

  #nextSteps(providerName: string, id: string) {
    this.logger.log('Next:')
    if (providerName === 'local') {
      this.logger.log(`  - It is now "current" in the key file ${keysConfig.local.file}: back up the file now.`)
      if (keysConfig.masterKeyId) this.logger.log(`  - MASTER_KEY_ID is set (${keysConfig.masterKeyId}) and wins over the file: set MASTER_KEY_ID=${id} or unset it.`)
      else this.logger.log(`  - Optionally pin it with MASTER_KEY_ID=${id}.`)
    } else {
      this.logger.log(`  - Set MASTER_KEY_ID=${id} for every web and worker process and restart them (new data keys are wrapped under it).`)
    }
    this.logger.log('  - Run `node ace keys:rotate` to re-wrap the existing data keys under it (safe while the app runs; resumable).')
    this.logger.log('  - Keep the old master key until keys:rotate reports 0 remaining, and in backups\' retention period.')
  }
}
