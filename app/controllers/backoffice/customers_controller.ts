import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Customer from '#models/customer'
import CustomerPolicy from '#policies/customer_policy'
import ListCustomers from '#actions/customers/list_customers'
import CreateCustomer from '#actions/customers/create_customer'
import UpdateCustomer from '#actions/customers/update_customer'
import ShowCustomerProfile from '#actions/customers/show_customer_profile'
import CustomerRowTransformer from '#transformers/customer_row_transformer'
import CustomerProfileTransformer from '#transformers/customer_profile_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { customerPageUrls, customerUrl } from '#controllers/backoffice/customer_urls'
import { customerPageProps } from '#controllers/backoffice/customer_page_props'
import { createCustomerValidator, listCustomersValidator, updateCustomerValidator } from '#validators/customer'
import { defaultRegion, regionCodes } from '#services/residency/regions'

const DEFAULT_PER_PAGE = 25

/** The customer directory, profile pages and the create / edit forms */
export default class CustomersController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, listCustomers: ListCustomers) {
    await bouncer.with(CustomerPolicy).authorize('viewAny')
    const filters = await listCustomersValidator.validate(request.qs())
    const query = { ...filters, sort: filters.sort ?? 'number', direction: filters.direction ?? 'asc' } as const
    const page = await listCustomers.handle({ ...query, page: filters.page ?? 1, perPage: filters.perPage ?? DEFAULT_PER_PAGE })
    return inertia.render('backoffice/customers/index', {
      customers: CustomerRowTransformer.paginate(page.all(), page.getMeta()),
      filters: { q: filters.q ?? '', kyc: filters.kyc ?? '', sort: query.sort, direction: query.direction, perPage: filters.perPage ?? DEFAULT_PER_PAGE },
      can: { create: await bouncer.with(CustomerPolicy).allows('create') },
      urls: { index: customerUrl('backoffice.customers.index'), create: customerUrl('backoffice.customers.create') },
    })
  }

  async create({ bouncer, inertia }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('create')
    return inertia.render('backoffice/customers/create', {
      urls: { store: customerUrl('backoffice.customers.store'), index: customerUrl('backoffice.customers.index') },
      regions: { codes: regionCodes(), default: defaultRegion() },
    })
  }

  @inject()
  async store(ctx: HttpContext, createCustomer: CreateCustomer) {
    await ctx.bouncer.with(CustomerPolicy).authorize('create')
    const data = await ctx.request.validateUsing(createCustomerValidator)
    const customer = await createCustomer.handle({ data, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) })
    ctx.session.flash('success', `Customer ${customer.customerNumber} created.`)
    return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customer.id })
  }

  @inject()
  async show(ctx: HttpContext, showProfile: ShowCustomerProfile) {
    await ctx.bouncer.with(CustomerPolicy).authorize('view')
    const profile = await showProfile.handle({ customerId: Number(ctx.params.id) })
    return ctx.inertia.render('backoffice/customers/show', await customerPageProps(ctx, profile))
  }

  async edit({ bouncer, params, inertia }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('update')
    const customer = await Customer.findOrFail(Number(params.id))
    return inertia.render('backoffice/customers/edit', {
      customer: CustomerProfileTransformer.transform(customer),
      urls: customerPageUrls(customer.id),
    })
  }

  @inject()
  async update(ctx: HttpContext, updateCustomer: UpdateCustomer) {
    await ctx.bouncer.with(CustomerPolicy).authorize('update')
    const customerId = Number(ctx.params.id)
    const data = await ctx.request.validateUsing(updateCustomerValidator, { meta: { customerId } })
    await updateCustomer.handle({ customerId, data, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) })
    ctx.session.flash('success', 'Customer details saved.')
    return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customerId })
  }
}
