import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const CustomersController = () => import('#controllers/backoffice/customers_controller')
const CustomerPiiController = () => import('#controllers/backoffice/customer_pii_controller')
const CustomerKycController = () => import('#controllers/backoffice/customer_kyc_controller')
const CustomerDocumentsController = () => import('#controllers/backoffice/customer_documents_controller')
const CustomerPaymentLimitsController = () => import('#controllers/backoffice/customer_payment_limits_controller')

/**
 * Backoffice: customers, KYC and KYC documents. Every route is named
 * backoffice.customers.* and behind the staffAuth middleware.
 */
router
  .group(() => {
    const id = { id: idParam }
    router.get('/customers', [CustomersController, 'index']).as('customers.index')
    router.get('/customers/create', [CustomersController, 'create']).as('customers.create')
    router.post('/customers', [CustomersController, 'store']).as('customers.store')
    router.get('/customers/:id', [CustomersController, 'show']).as('customers.show').where('id', id.id)
    router.get('/customers/:id/edit', [CustomersController, 'edit']).as('customers.edit').where('id', id.id)
    router.post('/customers/:id', [CustomersController, 'update']).as('customers.update').where('id', id.id)
    router
      .post('/customers/:id/reveal', [CustomerPiiController, 'reveal'])
      .as('customers.reveal')
      .where('id', id.id)
    router.post('/customers/:id/kyc', [CustomerKycController, 'update']).as('customers.kyc').where('id', id.id)
    router
      .post('/customers/:id/payment-limits', [CustomerPaymentLimitsController, 'update'])
      .as('customers.payment_limits.update')
      .where('id', id.id)
    router
      .post('/customers/:id/documents', [CustomerDocumentsController, 'store'])
      .as('customers.documents.store')
      .where('id', id.id)
    router
      .get('/customers/:id/documents/:documentId', [CustomerDocumentsController, 'show'])
      .as('customers.documents.show')
      .where('id', id.id)
      .where('documentId', router.matchers.uuid())
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
