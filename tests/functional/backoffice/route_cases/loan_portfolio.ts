import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** Matrix cases for start/routes/backoffice/loan_portfolio.ts */
export const loanPortfolioRoutes: RouteCase[] = [
  {
    route: 'backoffice.loans.portfolio',
    permission: 'loans.view',
    request: async () => ({ method: 'get', url: '/backoffice/loans/portfolio?granularity=day&periods=14' }),
  },
  {
    route: 'backoffice.loans.portfolio_csv',
    permission: 'loans.view',
    request: async () => ({ method: 'get', url: '/backoffice/loans/portfolio.csv' }),
    allowed: (response) => {
      response.assertStatus(200)
      response.assertHeader('content-type', 'text/csv; charset=utf-8')
    },
  },
]
