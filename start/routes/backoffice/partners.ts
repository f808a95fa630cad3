import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'
import { CONSENT_ID_PATTERN } from '#validators/partner'

const PartnersController = () => import('#controllers/backoffice/partners_controller')
const PartnerConsentsController = () => import('#controllers/backoffice/partner_consents_controller')

/**
 * Backoffice: partner fintechs (open banking). Every route is named
 * backoffice.partners.* and behind the staffAuth middleware; PartnerPolicy
 * decides each one. Registration and reactivation only file four-eyes
 * requests; suspension and revoking a consent act at once.
 */
router
  .group(() => {
    router.get('/partners', [PartnersController, 'index']).as('partners.index')
    router.get('/partners/create', [PartnersController, 'create']).as('partners.create')
    router.post('/partners', [PartnersController, 'store']).as('partners.store')
    router.get('/partners/:id', [PartnersController, 'show']).as('partners.show').where('id', idParam)
    router.post('/partners/:id/suspend', [PartnersController, 'suspend']).as('partners.suspend').where('id', idParam)
    router
      .post('/partners/:id/reactivate', [PartnersController, 'reactivate'])
      .as('partners.reactivate')
      .where('id', idParam)
    router
      .post('/partners/:id/consents/:consentId/revoke', [PartnerConsentsController, 'revoke'])
      .as('partners.consents.revoke')
      .where('id', idParam)
      .where('consentId', { match: CONSENT_ID_PATTERN })
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
