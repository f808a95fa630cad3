import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RevokeConsent from '#actions/openbanking/revoke_consent'
import OpenBankingConsent from '#models/open_banking_consent'
import { customerConsentPage } from '#queries/openbanking/consent_queries'
import CustomerConsentTransformer from '#transformers/customer_consent_transformer'
import { listConsentsValidator } from '#validators/openbanking'
import { encodeCursor } from '#domain/api/cursor'
import { decodeCursor } from '#validators/cursor'
import { auditContext } from '#services/audit/audit_trail'
import ConsentNotFoundException from '#exceptions/consent_not_found_exception'

/**
 * The customer's connected partners (their own token): every consent they
 * decided, with how the partner used it, and revocation.
 */
export default class ConsentsController {
  async index({ auth, request }: HttpContext) {
    const customer = auth.use('api').getUserOrFail()
    const { limit = 25, cursor } = await request.validateUsing(listConsentsValidator, { data: request.qs() })
    const page = await customerConsentPage(customer.id, { limit, beforeSeq: decodeCursor('c', cursor) })
    const last = page.data[page.data.length - 1]
    const next = page.hasMore
      ? urlFor('api.v1.consents.index', {}, { qs: { limit, cursor: encodeCursor('c', last.consent.seq) } })
      : null
    return { data: page.data.map((row) => new CustomerConsentTransformer(row).toObject()), links: { next } }
  }

  async destroy(ctx: HttpContext) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const consent = await OpenBankingConsent.query()
      .where('id', String(ctx.params.id).slice(0, 60))
      .where('customer_id', customer.id)
      .first()
    if (!consent) throw new ConsentNotFoundException()
    await new RevokeConsent().handle({
      consentId: consent.id,
      actor: { type: 'customer', id: customer.id },
      reason: 'Revoked by the customer',
      context: auditContext(ctx),
    })
    return ctx.response.noContent()
  }
}
