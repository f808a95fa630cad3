import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'
import { EXPORT_ID } from '#services/privacy/customer_export_store'

const CustomerPrivacyController = () => import('#controllers/backoffice/customer_privacy_controller')

/**
 * Backoffice: access-request exports and erasure requests of a customer
 * (compliance, administrators). Named backoffice.customers.exports.* and
 * backoffice.customers.erasure.*, behind staffAuth.
 */
router
  .group(() => {
    router
      .post('/customers/:id/exports', [CustomerPrivacyController, 'storeExport'])
      .as('customers.exports.store')
      .where('id', idParam)
    router
      .get('/customers/:id/exports/:exportId', [CustomerPrivacyController, 'showExport'])
      .as('customers.exports.show')
      .where('id', idParam)
      .where('exportId', { match: EXPORT_ID })
    router
      .post('/customers/:id/erasure', [CustomerPrivacyController, 'requestErasure'])
      .as('customers.erasure.store')
      .where('id', idParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
