import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RiskSettingsController = () => import('#controllers/backoffice/risk_settings_controller')

/**
 * Backoffice: the anomaly rules and typologies (admins, permission
 * risk.configure). Named backoffice.risk.settings.*, behind staffAuth.
 * Saving only files a four-eyes request; another administrator's approval
 * writes the next version.
 */
router
  .group(() => {
    router.get('/risk/settings', [RiskSettingsController, 'show']).as('risk.settings.show')
    router.post('/risk/settings', [RiskSettingsController, 'store']).as('risk.settings.store')
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
