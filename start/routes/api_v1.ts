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
const EventSubscriptionsController = () => import('#controllers/api/v1/event_subscriptions_controller')
const PartnerEventsController = () => import('#controllers/api/v1/partner_events_controller')
const ConsentsController = () => import('#controllers/api/v1/consents_controller')
const DomesticPaymentConsentsController = () => import('#controllers/api/v1/domestic_payment_consents_controller')
const DomesticPaymentsController = () => import('#controllers/api/v1/domestic_payments_controller')
const LoanApplicationsController = () => import('#controllers/api/v1/loan_applications_controller')
const LoansController = () => import('#controllers/api/v1/loans_controller')

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

        router.get('/consents', [ConsentsController, 'index']).as('consents.index')
        router.delete('/consents/:id', [ConsentsController, 'destroy']).as('consents.destroy')

        router.get('/loan-products', [LoanApplicationsController, 'products']).as('loan_products.index')
        router.post('/loan-applications', [LoanApplicationsController, 'store']).as('loan_applications.store')
        router.get('/loan-applications', [LoanApplicationsController, 'index']).as('loan_applications.index')
        router.get('/loan-applications/:id', [LoanApplicationsController, 'show']).as('loan_applications.show')
        router
          .post('/loan-applications/:id/withdraw', [LoanApplicationsController, 'withdraw'])
          .as('loan_applications.withdraw')
        router
          .post('/loan-applications/:id/documents', [LoanApplicationsController, 'storeDocument'])
          .as('loan_applications.documents.store')
        router
          .get('/loan-applications/:id/documents/:documentId', [LoanApplicationsController, 'showDocument'])
          .as('loan_applications.documents.show')
        router.get('/loans', [LoansController, 'index']).as('loans.index')
        router.get('/loans/:id', [LoansController, 'show']).as('loans.show')
        router.get('/loans/:id/schedule', [LoansController, 'schedule']).as('loans.schedule')
        router.get('/loans/:id/payoff-quote', [LoansController, 'payoffQuote']).as('loans.payoff_quote')
        router.post('/loans/:id/repayments', [LoansController, 'repay']).as('loans.repayments.store')
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

    router
      .group(() => {
        router
          .post('/domestic-payment-consents', [DomesticPaymentConsentsController, 'store'])
          .as('domestic_payment_consents.store')
        router
          .get('/domestic-payment-consents/:id', [DomesticPaymentConsentsController, 'show'])
          .as('domestic_payment_consents.show')
        router.get('/domestic-payments/:id', [DomesticPaymentsController, 'show']).as('domestic_payments.show')
        router
          .get('/domestic-payments/:id/payment-details', [DomesticPaymentsController, 'details'])
          .as('domestic_payments.details')
      })
      .use([middleware.partnerAuth({ scope: 'payments' }), middleware.apiThrottle({ by: 'token' })])

    /* Payment initiation: a partner's token the customer authorised for one payment consent */
    router
      .group(() => {
        router
          .get('/domestic-payment-consents/:id/funds-confirmation', [DomesticPaymentConsentsController, 'fundsConfirmation'])
          .as('domestic_payment_consents.funds_confirmation')
        router.post('/domestic-payments', [DomesticPaymentsController, 'store']).as('domestic_payments.store')
      })
      .use([middleware.apiAuth({ partners: 'payments', customers: false }), middleware.apiThrottle({ by: 'token' })])

    /* Partner events: subscriptions (pushed SETs, RFC 8935) and polling (RFC 8936); a client-credentials token of either scope */
    router
      .group(() => {
        router.post('/event-subscriptions', [EventSubscriptionsController, 'store']).as('event_subscriptions.store')
        router.get('/event-subscriptions', [EventSubscriptionsController, 'index']).as('event_subscriptions.index')
        router.get('/event-subscriptions/:id', [EventSubscriptionsController, 'show']).as('event_subscriptions.show')
        router.patch('/event-subscriptions/:id', [EventSubscriptionsController, 'update']).as('event_subscriptions.update')
        router.delete('/event-subscriptions/:id', [EventSubscriptionsController, 'destroy']).as('event_subscriptions.destroy')
        router.post('/events', [PartnerEventsController, 'store']).as('events.poll')
      })
      .use([middleware.partnerAuth({ scope: ['accounts', 'payments'] }), middleware.apiThrottle({ by: 'token' })])
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.forceJson(), middleware.apiThrottle({ by: 'ip' }), middleware.apiDeprecation()])
