import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CreateAccountAccessConsent from '#actions/openbanking/create_account_access_consent'
import RevokeConsent from '#actions/openbanking/revoke_consent'
import ConsentQueries from '#queries/openbanking/consent_queries'
import AccountAccessConsentTransformer from '#transformers/account_access_consent_transformer'
import { consentIdValidator, createAccountAccessConsentValidator } from '#validators/openbanking'
import { auditContext } from '#services/audit/audit_trail'
import ConsentNotFoundException from '#exceptions/consent_not_found_exception'

/**
 * Account-access consents (UK OB v4), for a partner's client-credentials
 * token (PartnerAuthMiddleware): create, read and delete its own.
 */
@inject()
export default class AccountAccessConsentsController {
  constructor(private consents: ConsentQueries) {}

  async store(ctx: HttpContext) {
    const request = await ctx.request.validateUsing(createAccountAccessConsentValidator)
    const consent = await new CreateAccountAccessConsent().handle({
      partner: ctx.partnerCaller!.partner,
      request,
      context: auditContext(ctx),
    })
    return ctx.response.created(this.document(consent))
  }

  async show(ctx: HttpContext) {
    return this.document(await this.owned(ctx))
  }

  async destroy(ctx: HttpContext) {
    const consent = await this.owned(ctx)
    await new RevokeConsent().handle({
      consentId: consent.id,
      actor: { type: 'partner', id: ctx.partnerCaller!.partner.id },
      reason: 'Deleted by the partner',
      context: auditContext(ctx),
    })
    return ctx.response.noContent()
  }

  private async owned(ctx: HttpContext) {
    const { id } = await consentIdValidator.validate(ctx.params).catch(() => {
      throw new ConsentNotFoundException()
    })
    const consent = await this.consents.ownedByPartner(id, ctx.partnerCaller!.partner.id, 'account_access')
    if (!consent) throw new ConsentNotFoundException()
    return consent
  }

  private document(consent: Awaited<ReturnType<CreateAccountAccessConsent['handle']>>) {
    return {
      Data: new AccountAccessConsentTransformer(consent).toObject(),
      Risk: {},
      Links: { Self: urlFor('api.v1.account_access_consents.show', { id: consent.id }) },
      Meta: {},
    }
  }
}
