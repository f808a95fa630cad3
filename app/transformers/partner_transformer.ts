import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type Partner from '#models/partner'

/**
 * A partner fintech as staff see it (PartnerQueries: `authorised_consents`
 * on list rows, `registered_by_*` on the partner page). Public keys are
 * summarised (key ids and types), never echoed whole.
 */
export default class PartnerTransformer extends BaseTransformer<Partner> {
  toObject() {
    const p = this.resource
    return {
      id: Number(p.id),
      name: p.name,
      clientId: p.clientId,
      status: p.status,
      scopes: p.scopes,
      rateTier: p.rateTier,
      keySource: p.jwks ? ('jwks' as const) : ('jwks_uri' as const),
      authorisedConsents: Number(p.$extras.authorised_consents ?? 0),
      createdAt: p.createdAt.toISO(),
      url: router.urlBuilder.urlFor('backoffice.partners.show', { id: Number(p.id) }),
    }
  }

  /** The partner page: where its keys come from, redirect URIs, origins, who registered it */
  forDetail() {
    const p = this.resource
    return {
      ...this.toObject(),
      jwksUri: p.jwksUri,
      keys: (p.jwks?.keys ?? []).map((key) => ({
        kid: typeof key.kid === 'string' ? key.kid : null,
        kty: String(key.kty),
        alg: typeof key.alg === 'string' ? key.alg : null,
      })),
      redirectUris: p.redirectUris,
      corsOrigins: p.corsOrigins,
      registeredBy: p.registeredBy
        ? { id: Number(p.registeredBy), fullName: (p.$extras.registered_by_name as string | null) ?? null, email: (p.$extras.registered_by_email as string | null) ?? null }
        : null,
      updatedAt: p.updatedAt.toISO(),
    }
  }
}
