import { readFile } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import vine, { errors } from '@vinejs/vine'
import RegisterPartner from '#actions/openbanking/register_partner'
import { registerPartnerValidator } from '#validators/partner'
import { NO_REQUEST } from '#domain/audit/actor'

/**
 * Registers a partner fintech (an OAuth client of the authorization
 * server) from the command line: the operator's way in, next to the
 * backoffice's four-eyes request. Prints the client id.
 */
export default class PartnersCreate extends BaseCommand {
  static commandName = 'partners:create'
  static description = 'Register a partner fintech (OAuth client: private_key_jwt, PAR, DPoP) and print its client id'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Display name the customer sees on the consent page', required: true })
  declare name: string

  @flags.array({ description: 'Redirect URI (https; http only on localhost); repeat for several', required: true })
  declare redirectUri: string[]

  @flags.string({ description: 'File with the partner\'s public JWKS ({"keys": [...]})' })
  declare jwksFile?: string

  @flags.string({ description: 'Or: the partner\'s jwks_uri (https)' })
  declare jwksUri?: string

  @flags.array({ description: 'Scope: accounts, payments (default both)' })
  declare scope?: string[]

  @flags.array({ description: 'Allowed CORS origin; repeat for several' })
  declare origin?: string[]

  @flags.string({ description: 'Rate-limit tier: sandbox, standard (default), premium' })
  declare tier?: string

  @flags.string({ description: 'Client id to use (default: generated)' })
  declare clientId?: string

  async run() {
    try {
      const jwks = this.jwksFile ? JSON.parse(await readFile(this.jwksFile, 'utf8')) : undefined
      const partner = await vine.validate({
        schema: registerPartnerValidator.schema,
        data: {
          name: this.name, clientId: this.clientId, jwks, jwksUri: this.jwksUri, redirectUris: this.redirectUri,
          corsOrigins: this.origin, scopes: this.scope?.length ? this.scope : ['accounts', 'payments'], rateTier: this.tier,
        },
      })
      const registered = await (await this.app.container.make(RegisterPartner)).handle({
        partner, actor: { type: 'system' }, context: NO_REQUEST,
      })
      this.logger.success(`Registered partner "${registered.name}"`)
      this.logger.log(`client_id: ${registered.clientId}`)
    } catch (error) {
      if (error instanceof errors.E_VALIDATION_ERROR) {
        for (const message of error.messages) this.logger.error(`${message.field}: ${message.message}`)
      } else if (error instanceof SyntaxError) {
        this.logger.error(`--jwks-file is not valid JSON: ${error.message}`)
      } else {
        throw error
      }
      this.exitCode = 1
    }
  }
}
