import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { errors as oidcErrors } from 'oidc-provider'
import AuthenticateCustomer from '#actions/auth/authenticate_customer'
import { recordAuthEvent } from '#actions/auth/customer_auth_audit'
import DecideConsent from '#actions/openbanking/decide_consent'
import { consentPageProps, consentForInteraction } from '#controllers/consent/consent_page_props'
import { authorizationServer } from '#services/oauth/authorization_server'
import { auditContext } from '#services/audit/audit_trail'
import { consentSignInValidator, decideConsentValidator } from '#validators/openbanking'

/**
 * The customer-facing consent page of the authorization server
 * (/consent/:uid, oidc-provider's interaction): the customer signs in
 * with password and TOTP, sees the partner, what it asks for in plain
 * words, chooses the accounts to share and approves or rejects. Each
 * step hands its result to the authorization server, which sends the
 * browser on (to the next step, or back to the partner's redirect URI).
 */
@inject()
export default class ConsentPageController {
  constructor(
    private authenticate: AuthenticateCustomer,
    private decide: DecideConsent
  ) {}

  async show(ctx: HttpContext) {
    const details = await this.details(ctx)
    if (!details) return this.expired(ctx)
    const consent = await consentForInteraction(details)
    if (!consent) return this.finish(ctx, { error: 'access_denied', error_description: 'The consent is no longer awaiting authorisation' })
    const urls = {
      signIn: router.urlBuilder.urlFor('consent.sign_in', { uid: details.uid }),
      decide: router.urlBuilder.urlFor('consent.decide', { uid: details.uid }),
      cancel: router.urlBuilder.urlFor('consent.cancel', { uid: details.uid }),
    }
    if (details.prompt.name === 'login') {
      return ctx.inertia.render('consent/sign_in', { ...(await consentPageProps(consent, null)), urls })
    }
    return ctx.inertia.render('consent/decide', {
      ...(await consentPageProps(consent, Number(details.session!.accountId))),
      urls,
    })
  }

  async signIn(ctx: HttpContext) {
    const details = await this.details(ctx)
    if (!details || details.prompt.name !== 'login') return this.expired(ctx)
    const input = await ctx.request.validateUsing(consentSignInValidator)
    const context = auditContext(ctx)
    const { customerId, signedIn } = await this.authenticate.handle({ ...input, purpose: 'consent', context })
    await recordAuthEvent({
      action: 'auth.consent_sign_in.succeeded',
      customerId,
      context,
      metadata: { client_id: details.params.client_id, consent_id: details.params.openbanking_intent_id },
    })
    await signedIn()
    return this.finish(ctx, { login: { accountId: String(customerId), amr: ['pwd', 'otp'] } }, false)
  }

  async decideConsent(ctx: HttpContext) {
    const details = await this.details(ctx)
    if (!details || details.prompt.name !== 'consent' || !details.session?.accountId) return this.expired(ctx)
    const { decision, accountIds = [] } = await ctx.request.validateUsing(decideConsentValidator)
    const { grantId } = await this.decide.handle({
      consentId: String(details.params.openbanking_intent_id),
      customerId: Number(details.session.accountId),
      clientId: String(details.params.client_id),
      decision,
      accountIds,
      context: auditContext(ctx),
    })
    if (!grantId) return this.finish(ctx, { error: 'access_denied', error_description: 'The customer rejected the consent' })
    return this.finish(ctx, { consent: { grantId } })
  }

  async cancel(ctx: HttpContext) {
    if (!(await this.details(ctx))) return this.expired(ctx)
    return this.finish(ctx, { error: 'access_denied', error_description: 'The customer cancelled' }, false)
  }

  /** The interaction of this browser (its signed cookie), or null when it expired or belongs to someone else */
  private async details(ctx: HttpContext) {
    try {
      const details = await authorizationServer().interactionDetails(ctx.request.request, ctx.response.response)
      return details.uid === ctx.params.uid ? details : null
    } catch (error) {
      if (error instanceof oidcErrors.SessionNotFound) return null
      throw error
    }
  }

  /** Hands the step's result to the authorization server and sends the browser on */
  private async finish(ctx: HttpContext, result: Record<string, unknown>, merge = true) {
    const to = await authorizationServer().interactionResult(ctx.request.request, ctx.response.response, result, {
      mergeWithLastSubmission: merge,
    })
    return ctx.request.method() === 'GET' ? ctx.response.redirect(to) : ctx.inertia.location(to)
  }

  private expired(ctx: HttpContext) {
    ctx.response.status(410)
    return ctx.inertia.render('consent/expired', {})
  }
}
