import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PartnerPolicy from '#policies/partner_policy'
import PartnerQueries from '#queries/openbanking/partner_queries'
import RevokeConsent from '#actions/openbanking/revoke_consent'
import { auditContext } from '#services/audit/audit_trail'
import { revokeConsentValidator } from '#validators/partner'

/** A partner's consents, from the partner page: staff revoke one (its tokens stop working at once) */
export default class PartnerConsentsController {
  @inject()
  async revoke(ctx: HttpContext, queries: PartnerQueries, revokeConsent: RevokeConsent) {
    await ctx.bouncer.with(PartnerPolicy).authorize('revokeConsent')
    const { reason } = await ctx.request.validateUsing(revokeConsentValidator)
    const partnerId = Number(ctx.params.id)
    const consent = await queries.consent(partnerId, String(ctx.params.consentId))
    const staff = ctx.auth.getUserOrFail()
    await revokeConsent.handle({ consentId: consent.id, actor: { type: 'staff', id: staff.id }, reason, context: auditContext(ctx) })
    ctx.session.flash('success', `Consent ${consent.id} revoked: the partner's tokens for it no longer work.`)
    return ctx.response.redirect().toRoute('backoffice.partners.show', { id: partnerId }, { qs: { consent: consent.id } })
  }
}
