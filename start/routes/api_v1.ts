import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuthTokensController = () => import('#controllers/api/v1/auth_tokens_controller')
const AccountsController = () => import('#controllers/api/v1/accounts_controller')
const AccountTransactionsController = () => import('#controllers/api/v1/account_transactions_controller')
const TransfersController = () => import('#controllers/api/v1/transfers_controller')
const PaymentAuthorisationsController = () => import('#controllers/api/v1/payment_authorisations_controller')
const NotificationsController = () => import('#controllers/api/v1/notifications_controller')
const NotificationPreferencesController = () => import('#controllers/api/v1/notification_preferences_controller')

/**
 * Customer API, /api/v1: JSON only, bearer tokens (guard "api"), no
 * session or CSRF. Limits per IP (before auth) and per token (after).
 * Every authenticated read is scoped to the customer's own data.
 */
router
  .group(() => {
    router.post('/auth/tokens', [AuthTokensController, 'store']).as('auth.tokens.store')

    router
      .group(() => {
        router.delete('/auth/tokens/current', [AuthTokensController, 'destroy']).as('auth.tokens.destroy')

        router.get('/accounts', [AccountsController, 'index']).as('accounts.index')
        router.get('/accounts/:id', [AccountsController, 'show']).as('accounts.show')
        router.get('/accounts/:id/balances', [AccountsController, 'balances']).as('accounts.balances')
        router
          .get('/accounts/:id/transactions', [AccountTransactionsController, 'index'])
          .as('accounts.transactions.index')

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
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.forceJson(), middleware.apiThrottle({ by: 'ip' })])
