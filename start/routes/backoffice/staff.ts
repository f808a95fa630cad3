import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const StaffController = () => import('#controllers/backoffice/staff_controller')

/**
 * Backoffice: staff. Every route is named backoffice.staff.* (or as listed in
 * the permission matrix tests) and behind the staffAuth middleware.
 * Role changes and 2FA resets only file four-eyes requests.
 */
router
  .group(() => {
    router.get('/staff', [StaffController, 'index']).as('staff.index')
    router.get('/staff/create', [StaffController, 'create']).as('staff.create')
    router.post('/staff', [StaffController, 'store']).as('staff.store')
    router.get('/staff/:id', [StaffController, 'show']).as('staff.show').where('id', idParam)
    router.post('/staff/:id/deactivate', [StaffController, 'deactivate']).as('staff.deactivate').where('id', idParam)
    router.post('/staff/:id/reactivate', [StaffController, 'reactivate']).as('staff.reactivate').where('id', idParam)
    router.post('/staff/:id/role', [StaffController, 'role']).as('staff.role').where('id', idParam)
    router
      .post('/staff/:id/reset-two-factor', [StaffController, 'resetTwoFactor'])
      .as('staff.reset_two_factor')
      .where('id', idParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
