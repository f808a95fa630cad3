import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Customer from '#models/customer'
import LoanPolicy from '#policies/loan_policy'
import LoanReviewQueries from '#queries/loans/loan_review_queries'
import SubmitLoanApplication from '#actions/loans/submit_loan_application'
import LoanProductNotOfferedException from '#exceptions/loan_product_not_offered_exception'
import { auditContext } from '#services/audit/audit_trail'
import { isDepositAccount } from '#domain/ledger/account_kinds'
import { applyForLoanValidator, minorUnitsOf } from '#validators/loan_review'

/** An application taken at a branch: staff apply on the customer's behalf (channel 'backoffice') */
export default class LoanApplicationsController {
  @inject()
  async create({ bouncer, params, inertia }: HttpContext, queries: LoanReviewQueries) {
    await bouncer.with(LoanPolicy).authorize('apply')
    const customer = await Customer.findOrFail(Number(params.id))
    const accounts = (await queries.accounts(customer.id)).filter((a) => isDepositAccount(a.kind) && a.status !== 'closed')
    return inertia.render('backoffice/loans/create', {
      customer: { id: Number(customer.id), fullName: customer.fullName, customerNumber: customer.customerNumber, kycStatus: customer.kycStatus },
      products: await queries.offeredProducts(),
      accounts,
      urls: {
        store: router.urlBuilder.urlFor('backoffice.loans.store', { id: Number(customer.id) }),
        customer: router.urlBuilder.urlFor('backoffice.customers.show', { id: Number(customer.id) }),
      },
    })
  }

  @inject()
  async store(ctx: HttpContext, queries: LoanReviewQueries, submit: SubmitLoanApplication) {
    await ctx.bouncer.with(LoanPolicy).authorize('apply')
    const customer = await Customer.findOrFail(Number(ctx.params.id))
    const form = await ctx.request.validateUsing(applyForLoanValidator)
    const product = (await queries.offeredProducts()).find((p) => p.id === form.productId)
    if (!product) throw new LoanProductNotOfferedException()
    const staff = ctx.auth.use('web').getUserOrFail()
    const loan = await submit.handle({
      customerId: Number(customer.id),
      application: {
        productId: product.id,
        principal: minorUnitsOf('principal', form.principal, product.currency),
        termCount: form.termCount,
        purpose: form.purpose,
        monthlyIncome: minorUnitsOf('monthlyIncome', form.monthlyIncome, product.currency),
        monthlyObligations: minorUnitsOf('monthlyObligations', form.monthlyObligations, product.currency),
        disbursementAccountId: form.disbursementAccountId,
      },
      channel: 'backoffice',
      actor: { type: 'staff', id: staff.id },
      context: auditContext(ctx),
      staffId: Number(staff.id),
    })
    ctx.session.flash('success', `Application #${loan.id} submitted (recommendation: ${loan.recommendation ?? 'none'}).`)
    return ctx.response.redirect().toRoute('backoffice.loans.show', { id: loan.id })
  }
}
