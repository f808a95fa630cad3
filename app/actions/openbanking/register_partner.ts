import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors } from '@vinejs/vine'
import Partner from '#models/partner'
import AuditTrail from '#services/audit/audit_trail'
import { forgetPartnerOrigins } from '#services/oauth/partner_origins'
import type { Actor, RequestContext } from '#domain/audit/actor'
import type { registerPartnerValidator } from '#validators/partner'

export type RegisterPartnerInput = Infer<typeof registerPartnerValidator>

/** JWK members that only a private or symmetric key has: a partner registers public keys only */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']

/**
 * Registers a partner fintech as an OAuth client: active at once, its
 * client id given or generated (`ptr_` + 20 random bytes, base64url). The
 * bank keeps the partner's PUBLIC keys only; a JWKS holding a private key
 * is refused (the partner must generate a new one). Audited
 * 'openbanking.partner.registered' in the caller's transaction, or in its own.
 */
export default class RegisterPartner {
  async handle(input: {
    partner: RegisterPartnerInput
    actor: Actor
    context: RequestContext
    trx?: TransactionClientContract
    /** extra audit metadata (the backoffice's four-eyes: approval_id, approved_by) */
    metadata?: Record<string, unknown>
  }): Promise<Partner> {
    const jwks = input.partner.jwks
    if (jwks?.keys.some((key) => PRIVATE_JWK_MEMBERS.some((member) => member in key))) {
      throw new errors.E_VALIDATION_ERROR([
        { field: 'jwks', rule: 'publicKeys', message: 'The JWKS must hold public keys only: it contains a private key' },
      ])
    }
    const register = async (trx: TransactionClientContract) => {
      const partner = await Partner.create(
        {
          name: input.partner.name,
          clientId: input.partner.clientId ?? `ptr_${randomBytes(20).toString('base64url')}`,
          jwks: jwks ?? null,
          jwksUri: input.partner.jwksUri ?? null,
          redirectUris: input.partner.redirectUris,
          corsOrigins: input.partner.corsOrigins ?? [],
          scopes: input.partner.scopes,
          rateTier: input.partner.rateTier ?? 'standard',
          status: 'active',
          registeredBy: input.actor.type === 'staff' ? Number(input.actor.id) : null,
        },
        { client: trx }
      )
      await AuditTrail.record(
        {
          actor: input.actor,
          action: 'openbanking.partner.registered',
          subject: { type: 'partner', id: partner.id },
          after: {
            name: partner.name, client_id: partner.clientId, redirect_uris: partner.redirectUris,
            cors_origins: partner.corsOrigins, scopes: partner.scopes, rate_tier: partner.rateTier,
            key_source: partner.jwks ? 'jwks' : 'jwks_uri',
          },
          metadata: input.metadata,
          ...input.context,
        },
        trx
      )
      return partner
    }
    const partner = await (input.trx ? register(input.trx) : db.transaction(register))
    forgetPartnerOrigins()
    return partner
  }
}
