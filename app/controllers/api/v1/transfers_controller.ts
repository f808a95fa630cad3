import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PostCustomerPayment from '#actions/payments/post_customer_payment'
import LedgerQueries from '#queries/ledger/ledger_queries'
import TransferPolicy from '#policies/transfer_policy'
import TransferTransformer from '#transformers/transfer_transformer'
import HeldPaymentTransformer from '#transformers/held_payment_transformer'
import { createTransferValidator } from '#validators/transfer'
import { parseId } from '#domain/api/cursor'
import { auditContext } from '#services/audit/audit_trail'
import ScaRequiredException from '#exceptions/sca_required_exception'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'
import TransferNotFoundException from '#exceptions/transfer_not_found_exception'

/**
 * Customer transfers. The hot path is one auth SELECT plus one
 * PostTransfer round trip: the debtor account's ownership, the payment
 * limits and whether dynamic linking is needed are checked inside the
 * posting, not by extra queries. With `sca` (a payment authorisation and
 * a fresh code) the payment is verified and booked in one transaction.
 * A payment the risk rules send to review answers 202 Accepted: status
 * `pending_review`, the money held, nothing booked yet.
 */
export default class TransfersController {
  @inject()
  async store(ctx: HttpContext, postPayment: PostCustomerPayment) {
    const { auth, bouncer, request, response } = ctx
    const customer = auth.use('api').getUserOrFail()
    if (await bouncer.with(TransferPolicy).denies('create')) throw new ScaRequiredException()

    const body = await request.validateUsing(createTransferValidator, {
      data: { ...request.body(), headers: request.headers() },
    })
    const amount = moneyFromInput(body.amount.amount, body.amount.currency)
    const result = await postPayment.handle({
      customerId: customer.id,
      debtorAccountId: body.debtorAccountId,
      creditor: body.creditor,
      amount,
      reference: body.reference ?? null,
      idempotencyKey: body.headers['idempotency-key'],
      sca: body.sca,
      context: auditContext(ctx),
    })
    if (result.replayed) response.header('Idempotent-Replayed', 'true')
    if (result.held) return response.accepted({ data: new HeldPaymentTransformer(result.held).toObject() })
    return response.created({ data: new TransferTransformer(result.transfer).toObject() })
  }

  @inject()
  async show({ auth, params }: HttpContext, ledger: LedgerQueries) {
    const id = parseId(params.id)
    const transfer = id === null ? null : await ledger.findTransferForCustomer(id, auth.use('api').getUserOrFail().id)
    if (!transfer) throw new TransferNotFoundException()
    return { data: new TransferTransformer(transfer).toObject() }
  }
}
