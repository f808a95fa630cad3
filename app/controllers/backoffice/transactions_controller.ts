import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import AccountPolicy from '#policies/account_policy'
import TellerPolicy from '#policies/teller_policy'
import RequestReversal from '#actions/ledger/request_reversal'
import TransactionDetailQuery from '#queries/ledger/transaction_detail_query'
import TransactionDetailTransformer from '#transformers/transaction_detail_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { requestReversalValidator } from '#validators/account'
import TransactionNotFoundException from '#exceptions/transaction_not_found_exception'

const url = router.urlBuilder.urlFor

/** A ledger transaction with its entries, and the four-eyes reversal request */
export default class TransactionsController {
  @inject()
  async show({ bouncer, params, inertia }: HttpContext, detail: TransactionDetailQuery) {
    await bouncer.with(AccountPolicy).authorize('view')
    const transaction = await detail.find(Number(params.id))
    if (!transaction) throw new TransactionNotFoundException()
    return inertia.render('backoffice/transactions/show', {
      transaction: TransactionDetailTransformer.transform(transaction),
      reversalKey: randomUUID(),
      urls: {
        reverse: url('backoffice.transactions.reverse', { id: transaction.id }),
        accounts: Object.fromEntries(
          transaction.entries
            .filter((e) => !e.internal)
            .map((e) => [e.accountId, url('backoffice.accounts.show', { id: e.accountId })])
        ),
        transactions: Object.fromEntries(
          [transaction.reversesId, transaction.reversedById]
            .filter((id): id is number => id !== null)
            .map((id) => [id, url('backoffice.transactions.show', { id })])
        ),
      },
      can: { reverse: await bouncer.with(TellerPolicy).allows('reverse') },
    })
  }

  @inject()
  async reverse(ctx: HttpContext, requestReversal: RequestReversal) {
    await ctx.bouncer.with(TellerPolicy).authorize('reverse')
    const { reason, idempotencyKey } = await ctx.request.validateUsing(requestReversalValidator)
    const { approval } = await requestReversal.handle({
      transactionId: Number(ctx.params.id),
      reason,
      idempotencyKey,
      staff: ctx.auth.use('web').getUserOrFail(),
      context: auditContext(ctx),
    })
    ctx.session.flash('success', `Reversal requested: approval #${approval.id} is waiting for a second staff member.`)
    return ctx.response.redirect(url('backoffice.transactions.show', { id: Number(ctx.params.id) }))
  }
}
