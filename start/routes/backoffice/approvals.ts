import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const ApprovalsController = () => import('#controllers/backoffice/approvals_controller')

/**
 * Backoffice: approvals (the four-eyes inbox). Every route is named
 * backoffice.approvals.* and behind the staffAuth middleware.
 */
router
  .group(() => {
    router.get('/approvals', [ApprovalsController, 'index']).as('approvals.index')
    router.get('/approvals/:id', [ApprovalsController, 'show']).as('approvals.show').where('id', idParam)
    router
      .post('/approvals/:id/approve', [ApprovalsController, 'approve'])
      .as('approvals.approve')
      .where('id', idParam)
    router
      .post('/approvals/:id/reject', [ApprovalsController, 'reject'])
      .as('approvals.reject')
      .where('id', idParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
