import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProfileController = () => import('#controllers/backoffice/profile_controller')
const PasswordResetController = () => import('#controllers/backoffice/password_reset_controller')

/**
 * Backoffice: profile. Every route is named backoffice.profile.* (or as listed in
 * the permission matrix tests) and behind the staffAuth middleware.
 */
router
  .group(() => {
    router.get('/profile', [ProfileController, 'show']).as('profile.show')
    router.post('/profile/password', [ProfileController, 'password']).as('profile.password')
    router.post('/profile/sign-out-others', [ProfileController, 'signOutOthers']).as('profile.sign_out_others')
    router.post('/profile/recovery-codes', [ProfileController, 'recoveryCodes']).as('profile.recovery_codes')
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())

/**
 * Public: password reset by mail (also the invitation's "choose your
 * password" link). Not in the role matrix (route_cases/profile.ts publicRoutes).
 */
router
  .group(() => {
    router.get('/forgot-password', [PasswordResetController, 'create']).as('password_reset.create')
    router.post('/forgot-password', [PasswordResetController, 'store']).as('password_reset.store')
    router.get('/reset-password/:token', [PasswordResetController, 'edit']).as('password_reset.edit')
    router.post('/reset-password/:token', [PasswordResetController, 'update']).as('password_reset.update')
  })
  .prefix('/backoffice')
  .as('backoffice')
