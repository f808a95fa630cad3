import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import DashboardPolicy from '#policies/dashboard_policy'
import ApprovalPolicy from '#policies/approval_policy'
import CustomerPolicy from '#policies/customer_policy'
import RiskPolicy from '#policies/risk_policy'
import DashboardQueries, { MAIN_CURRENCY } from '#queries/dashboard/dashboard_queries'

/** A named route's URL, or null while that page does not exist */
function urlOrNull(name: string): string | null {
  try {
    return router.urlBuilder.urlFor(name as any)
  } catch {
    return null
  }
}

/**
 * Backoffice home: today's money movements, new customers, pending
 * approvals, frozen accounts, and 30-day charts (queries in DashboardQueries).
 */
export default class DashboardController {
  @inject()
  async index({ bouncer, inertia }: HttpContext, queries: DashboardQueries) {
    await bouncer.with(DashboardPolicy).authorize('view')
    const [today, counters, transactions, customers, deposits] = await Promise.all([
      queries.todayVolumes(),
      queries.counters(),
      queries.dailyTransactions(),
      queries.dailyNewCustomers(),
      queries.dailyDepositVolume(),
    ])
    const canApprovals = await bouncer.with(ApprovalPolicy).allows('viewAny')
    const canCustomers = await bouncer.with(CustomerPolicy).allows('viewAny')
    const canAlerts = await bouncer.with(RiskPolicy).allows('viewAlerts')
    const alerts = canAlerts
      ? { open: await queries.openAlertsBySeverity(), trend: await queries.dailyAlerts(), url: urlOrNull('backoffice.risk.alerts.index') }
      : null

    return inertia.render('backoffice/dashboard', {
      today: { date: new Date().toISOString().slice(0, 10), ...today, ...counters },
      charts: { transactions, customers, deposits: { currency: MAIN_CURRENCY, points: deposits } },
      alerts,
      urls: {
        approvals: canApprovals ? urlOrNull('backoffice.approvals.index') : null,
        customers: canCustomers ? urlOrNull('backoffice.customers.index') : null,
      },
      can: { viewDashboard: await bouncer.with(DashboardPolicy).allows('view'), viewApprovals: canApprovals, viewCustomers: canCustomers },
    })
  }
}
