import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import LoanPortfolioPolicy from '#policies/loan_portfolio_policy'
import PortfolioQueries from '#queries/loans/portfolio_queries'
import ExportLoanPortfolio from '#actions/loans/export_loan_portfolio'
import loansConfig from '#config/loans'
import { auditContext } from '#services/audit/audit_trail'
import { portfolioQueryValidator } from '#validators/loan_portfolio'
import { onReadReplica } from '#services/database/read_replica'

/** Loans longest overdue on the page */
export const TOP_OVERDUE = 10

/** A named route's URL, or null while that page does not exist */
function urlOrNull(name: string, params: Record<string, unknown> = {}): string | null {
  try {
    return router.urlBuilder.urlFor(name as any, params as any)
  } catch {
    return null
  }
}

/** A loan's page (backoffice.loans.show) */
const loanUrl = (id: number) => urlOrNull('backoffice.loans.show', { id }) ?? `/backoffice/loans/${id}`

/**
 * The loan portfolio (PortfolioQueries): outstanding principal by product
 * and currency, loans by status, arrears by delinquency bucket
 * (config/loans.ts), money out and in over time, the loans longest
 * overdue; and its loan-level CSV (audited). Both are read on the read
 * replica when there is one (app/services/database/read_replica.ts).
 */
export default class LoanPortfolioController {
  async show({ bouncer, request, inertia }: HttpContext) {
    await bouncer.with(LoanPortfolioPolicy).authorize('view')
    const filters = await portfolioQueryValidator.validate(request.qs())
    const granularity = filters.granularity ?? 'month'
    const periods = Math.min(filters.periods ?? (granularity === 'month' ? 12 : 30), granularity === 'month' ? 36 : 92)
    const buckets = loansConfig.delinquencyBuckets
    const asOf = new Date().toISOString().slice(0, 10)
    const [totals, products, statuses, arrears, flows, overdue] = await onReadReplica((client) => {
      const queries = new PortfolioQueries(client)
      return Promise.all([
        queries.totalsByCurrency(asOf),
        queries.outstandingByProduct(),
        queries.countsByStatus(),
        queries.arrearsByBucket(buckets, asOf),
        queries.flows(granularity, periods),
        queries.topOverdue(buckets, TOP_OVERDUE, asOf),
      ])
    })
    return inertia.render('backoffice/loans/portfolio', {
      asOf,
      totals,
      products,
      statuses,
      arrears,
      flows: { granularity, periods, series: flows },
      topOverdue: overdue.map((loan) => ({ ...loan, url: loanUrl(loan.id) })),
      urls: {
        self: router.urlBuilder.urlFor('backoffice.loans.portfolio'),
        csv: router.urlBuilder.urlFor('backoffice.loans.portfolio_csv'),
        loans: urlOrNull('backoffice.loans.index'),
      },
      can: { export: await bouncer.with(LoanPortfolioPolicy).allows('export') },
    })
  }

  @inject()
  async csv(ctx: HttpContext, exportPortfolio: ExportLoanPortfolio) {
    await ctx.bouncer.with(LoanPortfolioPolicy).authorize('export')
    const { filename, csv } = await exportPortfolio.handle({ staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) })
    ctx.response.header('content-type', 'text/csv; charset=utf-8')
    ctx.response.header('content-disposition', `attachment; filename="${filename}"`)
    return ctx.response.send(csv)
  }
}
