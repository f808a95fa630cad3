import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const LoanProductsController = () => import('#controllers/backoffice/loan_products_controller')

/**
 * Backoffice: loan products. Every route is named backoffice.loan_products.*
 * and behind the staffAuth middleware; LoanProductPolicy decides each one
 * (view: loans.view, the forms: loans.products). A new product, a new
 * version, a retirement and a reactivation only file four-eyes requests
 * ('loans.product_change') that another administrator approves.
 */
router
  .group(() => {
    router.get('/loan-products', [LoanProductsController, 'index']).as('loan_products.index')
    router.get('/loan-products/create', [LoanProductsController, 'create']).as('loan_products.create')
    router.post('/loan-products', [LoanProductsController, 'store']).as('loan_products.store')
    router.get('/loan-products/:id', [LoanProductsController, 'show']).as('loan_products.show').where('id', idParam)
    router.get('/loan-products/:id/edit', [LoanProductsController, 'edit']).as('loan_products.edit').where('id', idParam)
    router.post('/loan-products/:id', [LoanProductsController, 'update']).as('loan_products.update').where('id', idParam)
    router
      .post('/loan-products/:id/retire', [LoanProductsController, 'retire'])
      .as('loan_products.retire')
      .where('id', idParam)
    router
      .post('/loan-products/:id/reactivate', [LoanProductsController, 'reactivate'])
      .as('loan_products.reactivate')
      .where('id', idParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
