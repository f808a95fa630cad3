import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import DashboardPolicy from '#policies/dashboard_policy'
import ApprovalPolicy from '#policies/approval_policy'
import CustomerPolicy from '#policies/customer_policy'
import RiskPolicy from '#policies/risk_policy'
import DashboardQueries, { MAIN_CURRENCY } from '#queries/dashboard/dashboard_queries'
import { onReadReplica } from '#services/database/read_replica'

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
 * approvals, frozen accounts, and 30-day charts (queries in DashboardQueries,
 * read on the read replica when there is one: app/services/database/read_replica.ts).
 */
export default class DashboardController {
  async index({ bouncer, inertia }: HttpContext) {
    await bouncer.with(DashboardPolicy).authorize('view')
    const canApprovals = await bouncer.with(ApprovalPolicy).allows('viewAny')
    const canCustomers = await bouncer.with(CustomerPolicy).allows('viewAny')
    const canAlerts = await bouncer.with(RiskPolicy).allows('viewAlerts')
    const [[today, counters, transactions, customers, deposits], alertFigures] = await onReadReplica((client) => {
      const queries = new DashboardQueries(client)
      return Promise.all([
        Promise.all([
          queries.todayVolumes(),
          queries.counters(),
          queries.dailyTransactions(),
          queries.dailyNewCustomers(),
          queries.dailyDepositVolume(),
        ]),
        canAlerts ? Promise.all([queries.openAlertsBySeverity(), queries.dailyAlerts()]) : null,
      ])
    })
    const alerts = alertFigures
      ? { open: alertFigures[0], trend: alertFigures[1], url: urlOrNull('backoffice.risk.alerts.index') }
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
