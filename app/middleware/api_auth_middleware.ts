import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { authenticatePartner } from '#middleware/partner_auth_middleware'
import ConsentQueries from '#queries/openbanking/consent_queries'
import RecordConsentAccess from '#actions/openbanking/record_consent_access'
import { consentScope, effectiveStatus } from '#domain/openbanking/consent'
import InvalidPartnerTokenException from '#exceptions/invalid_partner_token_exception'
import ConsentNotAuthorisedException from '#exceptions/consent_not_authorised_exception'
import PartnerTokenNotAllowedException from '#exceptions/partner_token_not_allowed_exception'

/**
 * /api/v1 callers:
 * - a customer's bearer token (guard "api"); failures are
 *   E_UNAUTHORIZED_ACCESS, rendered as 401 problem+json;
 *   (unless `customers: false`: payment initiation is for partners only);
 * - on routes that name a `partners` scope, a partner's DPoP-bound token
 *   issued under a consent the customer approved: the consent must still
 *   be authorised (not revoked or expired; a consumed payment consent
 *   only reaches its own payment's replay), of the kind the
 *   scope serves, for this partner and customer. Every such request is
 *   written to the consent's access log with its `x-fapi-interaction-id`.
 */
export default class ApiAuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { partners?: 'accounts' | 'payments'; customers?: false } = {}
  ) {
    if (!/^dpop /i.test(ctx.request.header('authorization') ?? '')) {
      if (options.customers === false) {
        ctx.response.header('WWW-Authenticate', 'DPoP error="invalid_token", error_description="A partner token is required"')
        throw new InvalidPartnerTokenException('This endpoint needs a partner token the customer authorised (Authorization: DPoP).')
      }
      await ctx.auth.authenticateUsing(['api'])
      return next()
    }
    if (!options.partners) throw new PartnerTokenNotAllowedException('This endpoint is for customers only.')

    const caller = await authenticatePartner(ctx, options.partners)
    const { grantId, customerId } = caller.token
    if (!grantId || customerId === null) {
      throw new PartnerTokenNotAllowedException('This endpoint needs a token the customer authorised.')
    }
    const consent = await new ConsentQueries().forGrant(grantId)
    if (!consent || consent.partnerId !== caller.partner.id || consent.customerId !== customerId) {
      throw new InvalidPartnerTokenException('The access token is not bound to a consent.')
    }
    if (consentScope(consent.kind) !== options.partners) {
      throw new PartnerTokenNotAllowedException('This consent does not cover this endpoint.')
    }
    /* a consumed payment consent still reaches its payment: the action answers a replay or E_CONSENT_CONSUMED */
    const consentStatus = effectiveStatus(consent.status, consent.expiresAt?.toJSDate() ?? null, new Date())
    if (consentStatus !== 'AUTH' && !(consentStatus === 'COND' && consent.kind === 'domestic_payment')) {
      throw new ConsentNotAuthorisedException()
    }
    caller.consent = consent

    let status = 500
    try {
      await next()
      status = ctx.response.getStatus()
    } catch (error) {
      status = Number((error as { status?: number }).status) || 500
      throw error
    } finally {
      await new RecordConsentAccess().handle({
        consent, method: ctx.request.method(), route: ctx.route?.name ?? ctx.route?.pattern ?? '',
        path: ctx.request.url(), status, requestId: ctx.request.id() ?? null, interactionId: caller.interactionId,
      })
    }
  }
}
