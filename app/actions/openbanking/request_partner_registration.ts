import { inject } from '@adonisjs/core'
import { errors } from '@vinejs/vine'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import { PRIVATE_JWK_MEMBERS, type RegisterPartnerInput } from '#actions/openbanking/register_partner'
import type { RequestContext } from '#domain/audit/actor'

/**
 * Payload of an 'openbanking.partner_registration' approval: RegisterPartner's
 * input, the JWKS as JSON text (one line in the inbox, not a tree).
 */
export interface PartnerRegistrationPayload {
  name: string
  keySource: 'jwks' | 'jwks_uri'
  keyIds: string | null
  jwks: string | null
  jwksUri: string | null
  redirectUris: string[]
  corsOrigins: string[]
  scopes: string[]
  rateTier: string
}

/**
 * Four-eyes: files an 'openbanking.partner_registration' approval instead of
 * registering the partner; another administrator's approval runs
 * ApprovedPartnerRegistration, which calls RegisterPartner in the
 * approval's transaction. The input is already valid for
 * registerPartnerValidator; a JWKS holding a private key is refused now
 * rather than at approval. Idempotent per maker and key.
 * Throws: E_VALIDATION_ERROR (jwks: a private key).
 */
@inject()
export default class RequestPartnerRegistration {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    maker: StaffUser
    partner: RegisterPartnerInput
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const { partner } = input
    if (partner.jwks?.keys.some((key) => PRIVATE_JWK_MEMBERS.some((member) => member in key))) {
      throw new errors.E_VALIDATION_ERROR([
        { field: 'jwks', rule: 'publicKeys', message: 'The JWKS must hold public keys only: it contains a private key' },
      ])
    }
    const keyIds = partner.jwks ? partner.jwks.keys.map((key, i) => String(key.kid ?? `#${i + 1} (${key.kty})`)).join(', ') : null
    const payload: PartnerRegistrationPayload = {
      name: partner.name,
      keySource: partner.jwks ? 'jwks' : 'jwks_uri',
      keyIds,
      jwks: partner.jwks ? JSON.stringify(partner.jwks) : null,
      jwksUri: partner.jwksUri ?? null,
      redirectUris: partner.redirectUris,
      corsOrigins: partner.corsOrigins ?? [],
      scopes: partner.scopes,
      rateTier: partner.rateTier ?? 'standard',
    }
    return this.requestApproval.handle({
      kind: 'openbanking.partner_registration',
      summary: `Register partner "${partner.name}" (${partner.scopes.join(', ')}; ${payload.rateTier})`,
      payload: { ...payload },
      maker: input.maker,
      makerReason: input.reason ?? null,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }
}
