import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import SubmitDomesticPayment from '#actions/openbanking/submit_domestic_payment'
import { partnerPayment } from '#queries/openbanking/domestic_payment_queries'
import DomesticPaymentTransformer from '#transformers/domestic_payment_transformer'
import { createDomesticPaymentValidator } from '#validators/openbanking'
import { auditContext } from '#services/audit/audit_trail'
import TransferNotFoundException from '#exceptions/transfer_not_found_exception'

/**
 * Domestic payments (UK OB v4): submitted with the token the customer
 * authorised for the payment consent; read with the partner's
 * client-credentials token.
 */
export default class DomesticPaymentsController {
  @inject()
  async store(ctx: HttpContext, submit: SubmitDomesticPayment) {
    const request = await ctx.request.validateUsing(createDomesticPaymentValidator, {
      data: { ...ctx.request.body(), headers: ctx.request.headers() },
    })
    const { paymentId, replayed } = await submit.handle({
      consent: ctx.partnerCaller!.consent!,
      request,
      context: auditContext(ctx),
    })
    if (replayed) ctx.response.header('Idempotent-Replayed', 'true')
    const payment = (await partnerPayment(paymentId, ctx.partnerCaller!.partner.id))!
    return ctx.response.status(replayed ? 200 : 201).send(document(payment, new DomesticPaymentTransformer(payment).toObject()))
  }

  async show(ctx: HttpContext) {
    const payment = await this.owned(ctx)
    return document(payment, new DomesticPaymentTransformer(payment).toObject())
  }

  async details(ctx: HttpContext) {
    const payment = await this.owned(ctx)
    return document(payment, new DomesticPaymentTransformer(payment).details())
  }

  private async owned(ctx: HttpContext) {
    const id = String(ctx.params.id)
    const payment = /^dp-[0-9a-f-]{36}$/.test(id) ? await partnerPayment(id, ctx.partnerCaller!.partner.id) : null
    if (!payment) throw new TransferNotFoundException('The payment does not exist or is not yours.')
    return payment
  }
}

function document(payment: { id: string }, data: object) {
  return { Data: data, Links: { Self: urlFor('api.v1.domestic_payments.show', { id: payment.id }) }, Meta: {} }
}
