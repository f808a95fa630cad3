import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { generateSigningKey } from '#services/audit/audit_signing_keys'

/**
 * Prints a new Ed25519 key for AUDIT_SIGNING_KEY, its public key (give it
 * to auditors; list it in AUDIT_TRUSTED_PUBLIC_KEYS after a rotation) and
 * its key id. Nothing is stored.
 */
export default class AuditKeygen extends BaseCommand {
  static commandName = 'audit:keygen'
  static description = 'Generate an Ed25519 key for AUDIT_SIGNING_KEY (prints it, stores nothing)'
  static options: CommandOptions = { startApp: false }

  async run() {
    const key = generateSigningKey()
    this.logger.log(`AUDIT_SIGNING_KEY=${key.signingKey}`)
    this.logger.log(`# public key ${key.publicKey}  key id ${key.keyId}`)
  }
}
