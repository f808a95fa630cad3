import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

/**
 * Backoffice: accounts. Every route is named backoffice.accounts.* (or as listed in
 * the permission matrix tests) and behind the staffAuth middleware.
 */
router
  .group(() => {})
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
