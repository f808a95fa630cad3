import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type StaffUser from '#models/staff_user'
import LoanProductPolicy from '#policies/loan_product_policy'
import ProductQueries, { versionTerms } from '#queries/loans/product_queries'
import RequestProductChange, { type LoanProductChange } from '#actions/loans/request_product_change'
import { auditContext } from '#services/audit/audit_trail'
import {
  loanProductFormOptions,
  loanProductPageCan,
  loanProductPageProps,
  pendingProductChanges,
  productRow,
  termsForm,
} from '#controllers/backoffice/loan_product_page_props'
import {
  changeLoanProductStatusValidator,
  createLoanProductValidator,
  listLoanProductsValidator,
  productTermsFromForm,
  updateLoanProductValidator,
} from '#validators/loan_product'

const PER_PAGE = 25
const url = (name: string, params: Record<string, unknown> = {}) => router.urlBuilder.urlFor(name as any, params as any)

/**
 * Loan products (administrators, four-eyes): the list, a product with its
 * versions, and the forms that request a new product, a new version, a
 * retirement or a reactivation. Nothing is published until another
 * administrator approves the request in the approvals inbox.
 */
export default class LoanProductsController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, queries: ProductQueries) {
    await bouncer.with(LoanProductPolicy).authorize('view')
    const filters = await listLoanProductsValidator.validate(request.qs())
    const { rows, meta } = await queries.list({ status: filters.status, page: filters.page ?? 1, perPage: PER_PAGE })
    return inertia.render('backoffice/loans/products/index', {
      products: { data: rows.map((p) => productRow(p, p.currentVersion ?? null)), metadata: meta },
      filters: { status: filters.status ?? '' },
      pending: await pendingProductChanges(),
      can: await loanProductPageCan(bouncer),
      urls: { index: url('backoffice.loan_products.index'), create: url('backoffice.loan_products.create') },
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(LoanProductPolicy).authorize('view')
    return ctx.inertia.render('backoffice/loans/products/show', await loanProductPageProps(ctx, Number(ctx.params.id)))
  }

  async create({ bouncer, inertia }: HttpContext) {
    await bouncer.with(LoanProductPolicy).authorize('manage')
    return inertia.render('backoffice/loans/products/create', {
      initial: termsForm(null),
      options: loanProductFormOptions(),
      urls: { store: url('backoffice.loan_products.store'), index: url('backoffice.loan_products.index') },
    })
  }

  @inject()
  async store(ctx: HttpContext, requestChange: RequestProductChange) {
    await ctx.bouncer.with(LoanProductPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(createLoanProductValidator)
    const terms = productTermsFromForm(form, form.currency)
    await this.request(ctx, requestChange, { action: 'create', code: form.code, terms }, form)
    ctx.session.flash('success', `New product ${form.code} requested. Another administrator must approve it before it is offered.`)
    return ctx.response.redirect().toRoute('backoffice.loan_products.index')
  }

  @inject()
  async edit(ctx: HttpContext, queries: ProductQueries) {
    await ctx.bouncer.with(LoanProductPolicy).authorize('manage')
    const { product, current } = await queries.find(Number(ctx.params.id))
    const id = Number(product.id)
    return ctx.inertia.render('backoffice/loans/products/edit', {
      product: productRow(product, current),
      initial: { ...termsForm(current ? versionTerms(current) : null), base_version: current?.version ?? 0 },
      options: loanProductFormOptions(),
      urls: { update: url('backoffice.loan_products.update', { id }), show: url('backoffice.loan_products.show', { id }) },
    })
  }

  @inject()
  async update(ctx: HttpContext, requestChange: RequestProductChange, queries: ProductQueries) {
    await ctx.bouncer.with(LoanProductPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(updateLoanProductValidator)
    const { product, current } = await queries.find(Number(ctx.params.id))
    const { currency: _, ...terms } = productTermsFromForm(form, current?.currency.trim() ?? 'GBP')
    const change = { action: 'revise', productId: product.id, baseVersion: form.base_version, terms } as const
    await this.request(ctx, requestChange, change, form)
    ctx.session.flash('success', `Version ${form.base_version + 1} of ${product.code} requested. Another administrator must approve it before it applies.`)
    return ctx.response.redirect().toRoute('backoffice.loan_products.show', { id: product.id })
  }

  @inject()
  async retire(ctx: HttpContext, requestChange: RequestProductChange) {
    return this.changeStatus(ctx, requestChange, 'retire')
  }

  @inject()
  async reactivate(ctx: HttpContext, requestChange: RequestProductChange) {
    return this.changeStatus(ctx, requestChange, 'reactivate')
  }

  private async changeStatus(ctx: HttpContext, requestChange: RequestProductChange, action: 'retire' | 'reactivate') {
    await ctx.bouncer.with(LoanProductPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(changeLoanProductStatusValidator)
    const productId = Number(ctx.params.id)
    await this.request(ctx, requestChange, { action, productId }, form)
    ctx.session.flash('success', `${action === 'retire' ? 'Retirement' : 'Reactivation'} requested. Another administrator must approve it.`)
    return ctx.response.redirect().toRoute('backoffice.loan_products.show', { id: productId })
  }

  private request(
    ctx: HttpContext,
    requestChange: RequestProductChange,
    change: LoanProductChange,
    form: { reason?: string; idempotency_key: string }
  ) {
    return requestChange.handle({
      maker: ctx.auth.getUserOrFail() as StaffUser,
      change,
      reason: form.reason ?? null,
      idempotencyKey: form.idempotency_key,
      context: auditContext(ctx),
    })
  }
}
