import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CustomerPolicy from '#policies/customer_policy'
import ChangePaymentLimits from '#actions/payments/change_payment_limits'
import { auditContext } from '#services/audit/audit_trail'
import { changePaymentLimitsValidator } from '#validators/customer'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'

/** A customer's payment limits: lowering applies at once, raising waits for a second staff member */
export default class CustomerPaymentLimitsController {
  @inject()
  async update(ctx: HttpContext, changeLimits: ChangePaymentLimits) {
    await ctx.bouncer.with(CustomerPolicy).authorize('changePaymentLimits')
    const data = await ctx.request.validateUsing(changePaymentLimitsValidator)
    const customerId = Number(ctx.params.id)
    const result = await changeLimits.handle({
      customerId,
      currency: data.currency,
      single: moneyFromInput(data.single, data.currency),
      daily: moneyFromInput(data.daily, data.currency),
      reason: data.reason ?? null,
      idempotencyKey: data.idempotencyKey,
      staff: ctx.auth.use('web').getUserOrFail(),
      context: auditContext(ctx),
    })
    ctx.session.flash(
      'success',
      result.applied
        ? `Payment limits in ${data.currency} lowered.`
        : `Raise requested: approval #${result.approvalId} is waiting for a second staff member.`
    )
    return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customerId })
  }
}
