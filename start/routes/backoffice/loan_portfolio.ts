import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LoanPortfolioController = () => import('#controllers/backoffice/loan_portfolio_controller')

/**
 * Backoffice: the loan portfolio and its loan-level CSV, behind the
 * staffAuth middleware; LoanPortfolioPolicy decides (loans.view).
 * Imported in start/routes.ts before backoffice/loans so that
 * /loans/portfolio is never taken for a loan's id.
 */
router
  .group(() => {
    router.get('/loans/portfolio', [LoanPortfolioController, 'show']).as('loans.portfolio')
    router.get('/loans/portfolio.csv', [LoanPortfolioController, 'csv']).as('loans.portfolio_csv')
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
