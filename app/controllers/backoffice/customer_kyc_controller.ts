import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CustomerPolicy from '#policies/customer_policy'
import ReviewCustomerKyc from '#actions/customers/review_customer_kyc'
import { auditContext } from '#services/audit/audit_trail'
import { reviewKycValidator } from '#validators/customer'

/** KYC decision on a customer: verified, rejected (with a reason) or back to pending */
export default class CustomerKycController {
  @inject()
  async update(ctx: HttpContext, reviewKyc: ReviewCustomerKyc) {
    await ctx.bouncer.with(CustomerPolicy).authorize('reviewKyc')
    const data = await ctx.request.validateUsing(reviewKycValidator)
    const customer = await reviewKyc.handle({
      customerId: Number(ctx.params.id), data, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx),
    })
    ctx.session.flash('success', `KYC status set to ${customer.kycStatus}.`)
    return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customer.id })
  }
}
