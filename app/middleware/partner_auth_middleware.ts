import { randomUUID } from 'node:crypto'
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
  /** x-fapi-interaction-id: the partner's (when well-formed) or a new UUID, echoed on the response */
  interactionId: string
  /** the authorised consent behind a customer-authorised token (ApiAuthMiddleware) */
  consent?: OpenBankingConsent
}

const INTERACTION_ID = /^[A-Za-z0-9-]{1,64}$/

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** the partner fintech calling, set by PartnerAuthMiddleware or ApiAuthMiddleware */
    partnerCaller?: PartnerCaller
  }
}

export type PartnerScope = 'accounts' | 'payments'

/**
 * Authenticates a partner fintech by its DPoP-bound access token
 * (#services/oauth/partner_tokens) and loads the partner, which must be
 * active and hold the scope (one of a list). `x-fapi-interaction-id` is
 * accepted (or made) and echoed. Refusals are 401 E_INVALID_TOKEN with
 * `WWW-Authenticate: DPoP error="…"` (RFC 9449 §7.1).
 */
export async function authenticatePartner(ctx: HttpContext, scope: PartnerScope | PartnerScope[]): Promise<PartnerCaller> {
  const given = ctx.request.header('x-fapi-interaction-id')
  const interactionId = given && INTERACTION_ID.test(given) ? given : randomUUID()
  ctx.response.header('x-fapi-interaction-id', interactionId)
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
  /* a list: any one of the scopes will do (event subscriptions serve both) */
  const anyOf = Array.isArray(scope) ? scope : [scope]
  if (!anyOf.some((s) => token.scopes.includes(s))) {
    throw new PartnerTokenNotAllowedException(`This endpoint needs scope "${anyOf.join('" or "')}".`)
  }
  const caller = { partner, token, interactionId }
  ctx.partnerCaller = caller
  return caller
}

/**
 * Consent endpoints (/api/v1/*-consents) and events (/api/v1/event-subscriptions,
 * /api/v1/events): a partner's client-credentials token (no customer
 * behind it) with the scope the consent kind needs (events: either).
 */
export default class PartnerAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { scope: PartnerScope | PartnerScope[] }) {
    const caller = await authenticatePartner(ctx, options.scope)
    if (caller.token.grantId) {
      throw new PartnerTokenNotAllowedException('This endpoint needs a client-credentials token (consents, event subscriptions).')
    }
    return next()
  }
}
