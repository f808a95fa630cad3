import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CreatePaymentAuthorisation from '#actions/payments/create_payment_authorisation'
import TransferPolicy from '#policies/transfer_policy'
import PaymentAuthorisationTransformer from '#transformers/payment_authorisation_transformer'
import { createPaymentAuthorisationValidator } from '#validators/transfer'
import ScaRequiredException from '#exceptions/sca_required_exception'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'
import { auditContext } from '#services/audit/audit_trail'

/**
 * Dynamic linking, step one: the customer states the payment (debtor,
 * payee, amount) and gets an authorisation id valid for a few minutes;
 * the transfer then carries `sca: { authorisationId, otp }`.
 */
export default class PaymentAuthorisationsController {
  @inject()
  async store(ctx: HttpContext, createAuthorisation: CreatePaymentAuthorisation) {
    const { auth, bouncer, request, response } = ctx
    const customer = auth.use('api').getUserOrFail()
    if (await bouncer.with(TransferPolicy).denies('create')) throw new ScaRequiredException()
    const body = await request.validateUsing(createPaymentAuthorisationValidator)
    const authorisation = await createAuthorisation.handle({
      customerId: customer.id,
      debtorAccountId: body.debtorAccountId,
      creditor: body.creditor,
      amount: moneyFromInput(body.amount.amount, body.amount.currency),
      context: auditContext(ctx),
    })
    return response.created({
      data: new PaymentAuthorisationTransformer(authorisation).toObject(),
      links: { transfers: '/api/v1/transfers' },
    })
  }
}
