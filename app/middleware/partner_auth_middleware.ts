import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Partner from '#models/partner'
import type OpenBankingConsent from '#models/open_banking_consent'
import { PartnerTokenError, verifyPartnerToken, type PartnerToken } from '#services/oauth/partner_tokens'
import InvalidPartnerTokenException from '#exceptions/invalid_partner_token_exception'
import PartnerTokenNotAllowedException from '#exceptions/partner_token_not_allowed_exception'

export interface PartnerCaller {
  partner: Partner
  token: PartnerToken
  /** the authorised consent behind a customer-authorised token (ApiAuthMiddleware) */
  consent?: OpenBankingConsent
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** the partner fintech calling, set by PartnerAuthMiddleware or ApiAuthMiddleware */
    partnerCaller?: PartnerCaller
  }
}

/**
 * Authenticates a partner fintech by its DPoP-bound access token
 * (#services/oauth/partner_tokens) and loads the partner, which must be
 * active and hold the scope. Refusals are 401 E_INVALID_TOKEN with
 * `WWW-Authenticate: DPoP error="…"` (RFC 9449 §7.1).
 */
export async function authenticatePartner(ctx: HttpContext, scope: 'accounts' | 'payments'): Promise<PartnerCaller> {
  let token: PartnerToken
  try {
    token = await verifyPartnerToken({
      authorization: ctx.request.header('authorization'),
      dpop: ctx.request.header('dpop'),
      method: ctx.request.method(),
      url: `${ctx.request.protocol()}://${ctx.request.host()}${ctx.request.url()}`,
    })
  } catch (error) {
    if (!(error instanceof PartnerTokenError)) throw error
    ctx.response.header(
      'WWW-Authenticate',
      `DPoP error="${error.error}", error_description="${error.message.replaceAll('"', "'")}", algs="ES256 PS256 EdDSA"`
    )
    throw new InvalidPartnerTokenException(error.message)
  }
  const partner = await Partner.query().where('client_id', token.clientId).where('status', 'active').first()
  if (!partner) {
    ctx.response.header('WWW-Authenticate', 'DPoP error="invalid_token", error_description="The partner is suspended"')
    throw new InvalidPartnerTokenException('The partner is not active.')
  }
  if (!token.scopes.includes(scope)) {
    throw new PartnerTokenNotAllowedException(`This endpoint needs scope "${scope}".`)
  }
  const caller = { partner, token }
  ctx.partnerCaller = caller
  return caller
}

/**
 * Consent endpoints (/api/v1/*-consents): a partner's client-credentials
 * token (no customer behind it) with the scope the consent kind needs.
 */
export default class PartnerAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { scope: 'accounts' | 'payments' }) {
    const caller = await authenticatePartner(ctx, options.scope)
    if (caller.token.grantId) {
      throw new PartnerTokenNotAllowedException('Consents are managed with a client-credentials token.')
    }
    return next()
  }
}
