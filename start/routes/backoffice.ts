import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
/* customers' access-request exports and erasure requests */
import '#start/routes/backoffice/customer_privacy'

const SessionController = () => import('#controllers/backoffice/session_controller')
const TwoFactorController = () => import('#controllers/backoffice/two_factor_controller')
const DashboardController = () => import('#controllers/backoffice/dashboard_controller')

/**
 * Staff backoffice (Inertia + React): sign-in with password then TOTP,
 * and the pages behind it.
 */
router
  .group(() => {
    router.get('/login', [SessionController, 'create']).as('session.create')
    router.post('/login', [SessionController, 'store']).as('session.store')
    router.post('/logout', [SessionController, 'destroy']).as('session.destroy')

    router.get('/two-factor', [TwoFactorController, 'show']).as('two_factor.show')
    router.post('/two-factor', [TwoFactorController, 'verify']).as('two_factor.verify')
    router.post('/two-factor/enrol', [TwoFactorController, 'enrol']).as('two_factor.enrol')
    router
      .get('/two-factor/recovery-codes', [TwoFactorController, 'recoveryCodes'])
      .as('two_factor.recovery_codes')
      .use(middleware.staffAuth())

    router.get('/', [DashboardController, 'index']).as('dashboard').use(middleware.staffAuth())
  })
  .prefix('/backoffice')
  .as('backoffice')
