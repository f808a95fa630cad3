import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

/**
 * Backoffice: approvals. Every route is named backoffice.approvals.* (or as listed in
 * the permission matrix tests) and behind the staffAuth middleware.
 */
router
  .group(() => {})
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
