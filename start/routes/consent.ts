import router from '@adonisjs/core/services/router'

const ConsentPageController = () => import('#controllers/consent/consent_page_controller')

/**
 * The customer-facing consent page of the authorization server
 * (oidc-provider's interactions, config/openbanking.ts consentPath): the
 * browser arrives from /oauth/auth with an interaction cookie; no staff
 * session. Forms carry the CSRF token like the backoffice's.
 */
router
  .group(() => {
    router.get('/:uid', [ConsentPageController, 'show']).as('show')
    router.post('/:uid/sign-in', [ConsentPageController, 'signIn']).as('sign_in')
    router.post('/:uid/decision', [ConsentPageController, 'decideConsent']).as('decide')
    router.post('/:uid/cancel', [ConsentPageController, 'cancel']).as('cancel')
  })
  .prefix('/consent')
  .as('consent')
