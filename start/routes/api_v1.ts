import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuthTokensController = () => import('#controllers/api/v1/auth_tokens_controller')
const AccountsController = () => import('#controllers/api/v1/accounts_controller')
const AccountTransactionsController = () => import('#controllers/api/v1/account_transactions_controller')
const TransfersController = () => import('#controllers/api/v1/transfers_controller')
const PaymentAuthorisationsController = () => import('#controllers/api/v1/payment_authorisations_controller')
const NotificationsController = () => import('#controllers/api/v1/notifications_controller')
const NotificationPreferencesController = () => import('#controllers/api/v1/notification_preferences_controller')
const OpenApiController = () => import('#controllers/api/v1/openapi_controller')
const AccountAccessConsentsController = () => import('#controllers/api/v1/account_access_consents_controller')

/**
 * Customer and partner API, /api/v1: JSON only, no session or CSRF.
 * Customers use bearer tokens (guard "api"); partner fintechs DPoP-bound
 * tokens of the authorization server (/oauth): client credentials for
 * their consents, a customer-authorised token on the routes whose apiAuth
 * names a `partners` scope. Limits per IP (before auth) and per token or
 * partner (after). Every read is scoped to the customer's own data, and
 * for a partner to what the consent grants.
 */
router
  .group(() => {
    router.get('/openapi.json', [OpenApiController, 'show']).as('openapi')
    router.post('/auth/tokens', [AuthTokensController, 'store']).as('auth.tokens.store')

    router
      .group(() => {
        router.delete('/auth/tokens/current', [AuthTokensController, 'destroy']).as('auth.tokens.destroy')

        router.post('/transfers', [TransfersController, 'store']).as('transfers.store')
        router.get('/transfers/:id', [TransfersController, 'show']).as('transfers.show')
        router
          .post('/payment-authorisations', [PaymentAuthorisationsController, 'store'])
          .as('payment_authorisations.store')

        router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
        router.post('/notifications/read-all', [NotificationsController, 'readAll']).as('notifications.read_all')
        router.post('/notifications/:id/read', [NotificationsController, 'read']).as('notifications.read')
        router
          .get('/notification-preferences', [NotificationPreferencesController, 'show'])
          .as('notification_preferences.show')
        router
          .put('/notification-preferences', [NotificationPreferencesController, 'update'])
          .as('notification_preferences.update')
      })
      .use([middleware.apiAuth(), middleware.apiThrottle({ by: 'token' })])

    /* Account information: the customer's own token, or a partner's under an account-access consent */
    router
      .group(() => {
        router.get('/accounts', [AccountsController, 'index']).as('accounts.index')
        router.get('/accounts/:id', [AccountsController, 'show']).as('accounts.show')
        router.get('/accounts/:id/balances', [AccountsController, 'balances']).as('accounts.balances')
        router
          .get('/accounts/:id/transactions', [AccountTransactionsController, 'index'])
          .as('accounts.transactions.index')
      })
      .use([middleware.apiAuth({ partners: 'accounts' }), middleware.apiThrottle({ by: 'token' })])

    /* Partner consents: a partner's client-credentials token */
    router
      .group(() => {
        router
          .post('/account-access-consents', [AccountAccessConsentsController, 'store'])
          .as('account_access_consents.store')
        router
          .get('/account-access-consents/:id', [AccountAccessConsentsController, 'show'])
          .as('account_access_consents.show')
        router
          .delete('/account-access-consents/:id', [AccountAccessConsentsController, 'destroy'])
          .as('account_access_consents.destroy')
      })
      .use([middleware.partnerAuth({ scope: 'accounts' }), middleware.apiThrottle({ by: 'token' })])
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.forceJson(), middleware.apiThrottle({ by: 'ip' }), middleware.apiDeprecation()])
