import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import DashboardPolicy from '#policies/dashboard_policy'
import ListCustomerDirectory from '#actions/staff/list_customer_directory'
import CustomerSummaryTransformer from '#transformers/customer_summary_transformer'
import { dashboardQueryValidator } from '#validators/staff_auth'

const DEFAULT_PER_PAGE = 25

/**
 * Backoffice home: customers with their accounts and balances.
 */
export default class DashboardController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, listCustomers: ListCustomerDirectory) {
    await bouncer.with(DashboardPolicy).authorize('view')
    const filters = await dashboardQueryValidator.validate(request.qs())
    const perPage = filters.perPage ?? DEFAULT_PER_PAGE
    const customers = await listCustomers.handle({ q: filters.q, page: filters.page ?? 1, perPage })

    return inertia.render('backoffice/dashboard', {
      customers: CustomerSummaryTransformer.paginate(customers.all(), customers.getMeta()),
      filters: { q: filters.q ?? '', perPage },
      can: { viewDashboard: await bouncer.with(DashboardPolicy).allows('view') },
    })
  }
}
