import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const AuditController = () => import('#controllers/backoffice/audit_controller')

/**
 * Backoffice: audit trail and chain verification. Every route is named
 * backoffice.audit.* and behind the staffAuth middleware.
 */
router
  .group(() => {
    router.get('/audit', [AuditController, 'index']).as('audit.index')
    router.get('/audit/:id', [AuditController, 'show']).as('audit.show').where('id', idParam)
    router.post('/audit/verify', [AuditController, 'verify']).as('audit.verify')
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
